package com.goodpackagerepo.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.error.StoreFullException;
import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbGrowthTest {

    private static final int MIB = 1 << 20;
    private static final int DOC_SIZE = 100_000;

    @TempDir
    Path dir;

    private static byte[] doc(int i) {
        byte[] doc = new byte[DOC_SIZE];
        Arrays.fill(doc, (byte) i);
        return doc;
    }

    private static void put(LmdbMetadataStore store, int from, int to) {
        WriteBatch batch = store.newBatch();
        for (int i = from; i < to; i++) {
            batch.putDocument("doc/" + i, doc(i), Precondition.NONE);
        }
        batch.commit();
    }

    @Test
    void mapGrowsOnDemandAndDataSurvives() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, MIB, 16 * MIB)) {
            long initial = store.stats().mapSizeBytes();
            for (int i = 0; i < 30; i++) {
                put(store, i, i + 1);
            }
            put(store, 30, 60);
            StoreStats stats = store.stats();
            assertTrue(stats.mapSizeBytes() >= 8 * MIB && stats.mapSizeBytes() <= 16 * MIB, stats.toString());
            assertTrue(stats.mapSizeBytes() > initial);
            assertTrue(stats.usedBytes() >= 60L * DOC_SIZE && stats.usedBytes() <= stats.mapSizeBytes(), stats.toString());
            assertEquals(16L * MIB, stats.maxMapSizeBytes());
            assertEquals(60L, stats.entriesByDb().get("docs"));
        }
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, MIB, 16 * MIB)) {
            for (int i = 0; i < 60; i++) {
                assertArrayEquals(doc(i), store.get("doc/" + i).orElseThrow());
            }
        }
    }

    @Test
    void fullStoreRejectsTheWriteAndKeepsEverythingElse() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, MIB, MIB)) {
            int stored = 0;
            StoreFullException full = null;
            while (full == null) {
                try {
                    put(store, stored, stored + 1);
                    stored++;
                } catch (StoreFullException e) {
                    full = e;
                }
            }
            assertTrue(stored > 3, "stored " + stored);
            assertTrue(store.get("doc/" + stored).isEmpty());
            for (int i = 0; i < stored; i++) {
                assertArrayEquals(doc(i), store.get("doc/" + i).orElseThrow());
            }
            int count = stored;
            assertThrows(StoreFullException.class, () -> put(store, count, count + 1));
        }
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, MIB, 4 * MIB)) {
            int count = (int) (long) store.stats().entriesByDb().get("docs");
            put(store, count, count + 5);
            assertArrayEquals(doc(count + 4), store.get("doc/" + (count + 4)).orElseThrow());
        }
    }

    @Test
    void concurrentWritersAndReadersSurviveGrowth() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, MIB, 32 * MIB)) {
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int base = t * 100;
                    tasks.add(pool.submit(() -> {
                        for (int i = base; i < base + 15; i++) {
                            put(store, i, i + 1);
                        }
                    }));
                }
                tasks.add(pool.submit(() -> {
                    for (int n = 0; n < 300; n++) {
                        store.get("doc/" + (n % 15)).ifPresent(d -> assertEquals(DOC_SIZE, d.length));
                        store.stats();
                    }
                }));
                for (Future<?> task : tasks) {
                    task.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(60L, store.stats().entriesByDb().get("docs"));
            assertArrayEquals(doc(314), store.get("doc/314").orElseThrow());
        }
    }
}

