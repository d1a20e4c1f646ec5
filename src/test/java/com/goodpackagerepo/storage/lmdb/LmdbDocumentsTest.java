package com.goodpackagerepo.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbDocumentsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final IndexDefinition BY_NAME = new IndexDefinition("by_name", List.of("namespace"), "name", false,
            false, List.of("name"));

    @TempDir
    Path dir;

    LmdbMetadataStore store;

    @BeforeEach
    void open() {
        store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    void put(String key, String value) {
        WriteBatch batch = store.newBatch();
        batch.putDocument(key, bytes(value), Precondition.NONE);
        batch.commit();
    }

    @Test
    void putGetDelete() {
        assertTrue(store.get("a").isEmpty());
        put("a", "{\"v\":1}");
        assertArrayEquals(bytes("{\"v\":1}"), store.get("a").orElseThrow());
        put("a", "{\"v\":2}");
        assertArrayEquals(bytes("{\"v\":2}"), store.get("a").orElseThrow());
        WriteBatch delete = store.newBatch();
        delete.deleteDocument("a");
        delete.deleteDocument("never-existed");
        delete.commit();
        assertTrue(store.get("a").isEmpty());
        put("empty", "");
        assertArrayEquals(new byte[0], store.get("empty").orElseThrow());
    }

    @Test
    void conflictAppliesNothing() {
        put("taken", "old");
        WriteBatch batch = store.newBatch();
        batch.putDocument("fresh", bytes("x"), Precondition.IF_ABSENT);
        ObjectNode row = JSON.createObjectNode().put("namespace", "ns").put("name", "n");
        batch.upsertIndex(BY_NAME, row);
        batch.appendEvent("created", row);
        batch.putDocument("taken", bytes("new"), Precondition.IF_ABSENT);
        ConflictException conflict = assertThrows(ConflictException.class, batch::commit);
        assertEquals("taken", conflict.key());
        assertTrue(store.get("fresh").isEmpty());
        assertArrayEquals(bytes("old"), store.get("taken").orElseThrow());
        assertEquals(List.of(), store.query(BY_NAME, new IndexQuery(List.of("ns"), 10, null, true)).rows());
        assertEquals(0, store.length());
        assertThrows(IllegalStateException.class, batch::commit);
    }

    @Test
    void customPreconditionSeesTheStoredValue() {
        put("doc", "v1");
        WriteBatch stale = store.newBatch();
        stale.putDocument("doc", bytes("v3"), existing -> existing != null && new String(existing, UTF_8).equals("v2"));
        assertThrows(ConflictException.class, stale::commit);
        WriteBatch current = store.newBatch();
        current.putDocument("doc", bytes("v2"), existing -> existing != null && new String(existing, UTF_8).equals("v1"));
        current.commit();
        assertArrayEquals(bytes("v2"), store.get("doc").orElseThrow());
    }

    @Test
    void racingIfAbsentHasExactlyOneWinner() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String mine = "writer-" + i;
                results.add(pool.submit(() -> {
                    WriteBatch batch = store.newBatch();
                    batch.putDocument("contended", bytes(mine), Precondition.IF_ABSENT);
                    batch.upsertIndex(BY_NAME, JSON.createObjectNode().put("namespace", "ns").put("name", mine));
                    batch.appendEvent("won", JSON.createObjectNode().put("by", mine));
                    start.await();
                    try {
                        batch.commit();
                        return mine;
                    } catch (ConflictException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> result : results) {
                if (result.get() != null) {
                    winners.add(result.get());
                }
            }
            assertEquals(1, winners.size());
            assertArrayEquals(bytes(winners.get(0)), store.get("contended").orElseThrow());
            assertEquals(1, store.length());
            assertEquals(winners.get(0), store.readAfter(0, 10).get(0).payload().get("by").asText());
            assertEquals(1, store.query(BY_NAME, new IndexQuery(List.of("ns"), 100, null, true)).rows().size());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void batchReadsItsOwnWrites() {
        put("a", "committed");
        put("b", "committed");
        WriteBatch batch = store.newBatch();
        assertArrayEquals(bytes("committed"), batch.getDocument("a").orElseThrow());
        batch.putDocument("a", bytes("pending"), Precondition.NONE);
        batch.deleteDocument("b");
        batch.putDocument("c", bytes("new"), Precondition.IF_ABSENT);
        assertArrayEquals(bytes("pending"), batch.getDocument("a").orElseThrow());
        assertTrue(batch.getDocument("b").isEmpty());
        assertArrayEquals(bytes("new"), batch.getDocument("c").orElseThrow());
        assertArrayEquals(bytes("committed"), store.get("a").orElseThrow());
        batch.abort();
        assertTrue(store.get("c").isEmpty());
        assertThrows(IllegalStateException.class, () -> batch.getDocument("a"));
        batch.abort();
    }

    @Test
    void laterOperationsOfABatchSeeEarlierOnes() {
        WriteBatch batch = store.newBatch();
        batch.putDocument("k", bytes("1"), Precondition.IF_ABSENT);
        batch.putDocument("k", bytes("2"), Precondition.IF_ABSENT);
        assertThrows(ConflictException.class, batch::commit);
        assertTrue(store.get("k").isEmpty());
        assertTrue(store.newBatch().isEmpty());
        assertEquals(List.of(), store.newBatch().commit());
    }

    @Test
    void keysArePagedInByteOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String key = String.format("artifact/ns/app/%02d", i);
            expected.add(key);
            put(key, "{}");
        }
        put("artifact/ns/apple/1", "{}");
        put("artifact/nt/app/1", "{}");
        put("artifacts", "{}");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            KeyPage page = store.keys("artifact/ns/app/", cursor, 10);
            seen.addAll(page.keys());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(expected, seen);
        assertEquals(3, pages);
        assertNull(store.keys("artifact/ns/app/", null, 25).nextCursor());
        assertEquals(28, store.keys("", null, 100).keys().size());
        assertThrows(IllegalArgumentException.class, () -> store.keys("artifact/", "not base64!", 10));
        String otherPrefixCursor = store.keys("artifact/ns/app/", null, 1).nextCursor();
        assertThrows(IllegalArgumentException.class, () -> store.keys("artifact/nt/", otherPrefixCursor, 10));
        assertThrows(IllegalArgumentException.class, () -> store.keys("artifact/", null, 0));
    }

    @Test
    void longKeysWork() {
        String part = "x".repeat(120);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String key = "artifact/" + part + "/" + part + "/" + i + "." + "v".repeat(126) + "/" + "linux" + "-".repeat(123);
            keys.add(key);
            put(key, "doc" + i);
        }
        put("artifact/" + part + "/short", "short");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(bytes("doc" + i), store.get(keys.get(i)).orElseThrow());
        }
        List<String> listed = new ArrayList<>(store.keys("artifact/", null, 10).keys());
        assertEquals(4, listed.size());
        assertTrue(listed.containsAll(keys));
        List<String> longPrefix = store.keys(keys.get(1).substring(0, 450), null, 10).keys();
        assertEquals(List.of(keys.get(1)), longPrefix);
        WriteBatch delete = store.newBatch();
        delete.deleteDocument(keys.get(0));
        delete.commit();
        assertTrue(store.get(keys.get(0)).isEmpty());
        assertEquals(3, store.keys("artifact/", null, 10).keys().size());
        assertEquals(1 + 2, store.stats().entriesByDb().get("meta"), "layout version + two long key names");
    }

    @Test
    void invalidKeysAreRejected() {
        WriteBatch batch = store.newBatch();
        assertThrows(IllegalArgumentException.class, () -> batch.putDocument("", bytes("x"), Precondition.NONE));
        assertThrows(IllegalArgumentException.class, () -> store.get(""));
    }

    @Test
    void everythingSurvivesARestart() {
        put("doc", "persisted");
        WriteBatch batch = store.newBatch();
        batch.upsertIndex(BY_NAME, JSON.createObjectNode().put("namespace", "ns").put("name", "n"));
        batch.appendEvent("e", JSON.createObjectNode());
        batch.commit();
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.get("doc"));
        store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20);
        assertArrayEquals(bytes("persisted"), store.get("doc").orElseThrow());
        assertEquals(1, store.query(BY_NAME, new IndexQuery(List.of("ns"), 10, null, true)).rows().size());
        assertEquals(1, store.length());
        WriteBatch next = store.newBatch();
        next.appendEvent("e2", null);
        assertEquals(2, next.commit().get(0).seq());
    }
}
