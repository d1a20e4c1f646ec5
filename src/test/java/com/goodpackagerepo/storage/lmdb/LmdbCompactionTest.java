package com.goodpackagerepo.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.Compaction;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbCompactionTest {
    private static final int MIB = 1 << 20;
    private static final int DOC_SIZE = 20_000;

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
        batch.appendEvent("put", null);
        batch.commit();
    }

    private static void delete(LmdbMetadataStore store, int from, int to) {
        WriteBatch batch = store.newBatch();
        for (int i = from; i < to; i++) {
            batch.deleteDocument("doc/" + i);
        }
        batch.commit();
    }

    @Test
    void fileShrinksAfterMostDocumentsAreDeletedAndEverythingElseSurvivesReopening() throws Exception {
        long afterSize;
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 4 * MIB, 64 * MIB)) {
            for (int i = 0; i < 500; i += 50) {
                put(store, i, i + 50);
            }
            delete(store, 10, 500);
            long before = Files.size(dir.resolve("data.mdb"));
            Compaction result = store.compact();
            afterSize = Files.size(dir.resolve("data.mdb"));
            assertEquals(before, result.bytesBefore());
            assertEquals(afterSize, result.bytesAfter());
            assertTrue(afterSize * 5 < before, "compacted " + before + " -> " + afterSize);
            assertFalse(Files.exists(LmdbCompaction.copyDir(dir)), "no copy left behind");
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(doc(i), store.get("doc/" + i).orElseThrow());
            }
            assertTrue(store.get("doc/10").isEmpty());
            assertEquals(10, store.length(), "events kept");
            put(store, 600, 601); // writes work on the reopened environment
            assertEquals(11, store.length());
        }
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 4 * MIB, 64 * MIB)) {
            assertArrayEquals(doc(3), store.get("doc/3").orElseThrow());
            assertArrayEquals(doc(600), store.get("doc/600").orElseThrow());
            assertEquals(11, store.length());
        }
    }

    @Test
    void readsContinueAndWritesWaitDuringCompaction() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 4 * MIB, 64 * MIB)) {
            put(store, 0, 200);
            delete(store, 100, 200);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<?> reader = pool.submit(() -> {
                    while (!stop.get()) {
                        assertArrayEquals(doc(7), store.get("doc/7").orElseThrow());
                        reads.incrementAndGet();
                    }
                    return null;
                });
                Future<?> writer = pool.submit(() -> {
                    int i = 1000;
                    while (!stop.get()) {
                        put(store, i, i + 1);
                        i++;
                        writes.incrementAndGet();
                    }
                    return null;
                });
                for (int round = 0; round < 3; round++) {
                    store.compact();
                }
                stop.set(true);
                reader.get(30, TimeUnit.SECONDS);
                writer.get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertTrue(reads.get() > 0 && writes.get() > 0, reads + " reads, " + writes + " writes");
            for (long i = 1000; i < 1000 + writes.get(); i++) {
                assertTrue(store.get("doc/" + i).isPresent(), "acknowledged write doc/" + i + " kept");
            }
        }
    }

    @Test
    void anInterruptedCompactionsCopyIsDiscardedOnOpen() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 4 * MIB, 64 * MIB)) {
            put(store, 0, 5);
        }
        Path stray = LmdbCompaction.copyDir(dir);
        Files.createDirectories(stray);
        Files.write(stray.resolve("data.mdb"), new byte[] {1, 2, 3});
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 4 * MIB, 64 * MIB)) {
            assertFalse(Files.exists(stray));
            assertArrayEquals(doc(4), store.get("doc/4").orElseThrow());
        }
    }
}
