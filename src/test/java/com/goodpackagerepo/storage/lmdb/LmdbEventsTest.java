package com.goodpackagerepo.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<StoredEvent> append(LmdbMetadataStore store, int count, String type) {
        WriteBatch batch = store.newBatch();
        for (int i = 0; i < count; i++) {
            batch.appendEvent(type, JSON.createObjectNode().put("i", i));
        }
        return batch.commit();
    }

    @Test
    void eventsAreSequencedAndReadInOrder() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            assertEquals(0, store.length());
            assertEquals(List.of(), store.readAfter(0, 10));
            List<StoredEvent> first = append(store, 3, "a");
            List<StoredEvent> second = append(store, 2, "b");
            assertEquals(List.of(1L, 2L, 3L), first.stream().map(StoredEvent::seq).toList());
            assertEquals(List.of(4L, 5L), second.stream().map(StoredEvent::seq).toList());
            assertNotEquals(first.get(0).eventId(), first.get(1).eventId());
            assertTrue(Instant.parse(first.get(0).at()).isAfter(Instant.now().minusSeconds(60)));

            List<StoredEvent> all = new ArrayList<>(first);
            all.addAll(second);
            assertEquals(all, store.readAfter(0, 100));
            assertEquals(all, store.readAfter(-5, 100));
            assertEquals(all.subList(2, 4), store.readAfter(2, 2));
            assertEquals(List.of(), store.readAfter(5, 10));
            assertEquals(List.of(), store.readAfter(Long.MAX_VALUE, 10));
            assertEquals(5, store.length());
            assertEquals(2, store.readAfter(2, 1).get(0).payload().get("i").asInt());
            assertThrows(IllegalArgumentException.class, () -> store.readAfter(0, 0));
        }
    }

    @Test
    void sequenceContinuesAfterRestartAndConflictsLeaveNoGap() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            append(store, 2, "a");
            WriteBatch failing = store.newBatch();
            failing.appendEvent("lost", null);
            failing.putDocument("k", new byte[0], existing -> false);
            assertThrows(RuntimeException.class, failing::commit);
        }
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            assertEquals(3L, append(store, 1, "c").get(0).seq());
            assertEquals(LongStream.rangeClosed(1, 3).boxed().toList(),
                    store.readAfter(0, 10).stream().map(StoredEvent::seq).toList());
            assertEquals(3, store.stats().entriesByDb().get("events"));
        }
    }
}
