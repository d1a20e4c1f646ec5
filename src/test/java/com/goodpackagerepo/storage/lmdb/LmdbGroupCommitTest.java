package com.goodpackagerepo.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.error.StoreFullException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on the real LMDB store: concurrent batches share transactions, each in its own child
 * transaction, so a lost if-absent race rolls back only the batch that lost it — its documents, index rows and
 * events — and the event log stays gap-free.
 */
class LmdbGroupCommitTest {

    @TempDir
    Path dir;

    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    /** A batch that claims {@code key} if absent, writes a side document and appends an event. */
    static WriteBatch claim(LmdbMetadataStore store, String key, String owner) {
        WriteBatch batch = store.newBatch();
        batch.putDocument("side/" + owner, bytes(owner), Precondition.NONE);
        batch.putDocument(key, bytes(owner), Precondition.IF_ABSENT);
        batch.appendEvent("claimed", JsonNodeFactory.instance.textNode(owner));
        return batch;
    }

    /** Starts a commit that holds the writer inside its transaction until {@code release} opens. */
    Future<List<StoredEvent>> blockingCommit(LmdbMetadataStore store, CountDownLatch entered, CountDownLatch release) {
        WriteBatch batch = store.newBatch();
        batch.putDocument("blocker", bytes("x"), Precondition.NONE);
        batch.check("blocker", existing -> {
            entered.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        batch.appendEvent("blocker", null);
        return pool.submit(batch::commit);
    }

    /** A commit holding the writer inside its transaction, and the latch that lets it go on. */
    record Held(Future<List<StoredEvent>> blocker, CountDownLatch release) {
    }

    Held holdWriter(LmdbMetadataStore store) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<List<StoredEvent>> blocker = blockingCommit(store, entered, release);
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        return new Held(blocker, release);
    }

    static void awaitWaiting(LmdbMetadataStore store, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.groupCommitCounts()[2] < count) {
            assertTrue(System.nanoTime() < deadline, "batches never queued");
            Thread.sleep(2);
        }
    }

    @Test
    void aLostIfAbsentRaceRollsBackOnlyThatBatchInASharedCommit() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            Held held = holdWriter(store);
            List<Future<List<StoredEvent>>> commits = new ArrayList<>();
            String[][] claims = {{"k1", "a"}, {"k1", "b"}, {"k2", "c"}, {"k2", "d"}, {"k3", "e"}};
            for (String[] c : claims) {
                WriteBatch batch = claim(store, c[0], c[1]);
                long before = store.groupCommitCounts()[2];
                commits.add(pool.submit(batch::commit));
                awaitWaiting(store, (int) before + 1);
            }
            held.release().countDown();
            assertEquals(1, held.blocker().get(30, TimeUnit.SECONDS).size());
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < claims.length; i++) {
                String owner = claims[i][1];
                if (owner.equals("b") || owner.equals("d")) {
                    int index = i;
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> commits.get(index).get(30, TimeUnit.SECONDS));
                    assertInstanceOf(ConflictException.class, e.getCause());
                    assertTrue(store.get("side/" + owner).isEmpty(), "the loser's other writes rolled back");
                } else {
                    List<StoredEvent> events = commits.get(i).get(30, TimeUnit.SECONDS);
                    assertEquals(1, events.size());
                    seqs.add(events.get(0).seq());
                    assertArrayEquals(bytes(owner), store.get("side/" + owner).orElseThrow());
                }
            }
            assertArrayEquals(bytes("a"), store.get("k1").orElseThrow(), "first come, first served");
            assertArrayEquals(bytes("c"), store.get("k2").orElseThrow());
            assertArrayEquals(bytes("e"), store.get("k3").orElseThrow());
            assertEquals(List.of(2L, 3L, 4L), seqs, "winners' events in arrival order, no gap for the losers");
            assertEquals(4, store.length());
            long[] counts = store.groupCommitCounts();
            assertEquals(2, counts[0], "the blocker's commit, then one shared commit for the five that waited");
            assertEquals(6, counts[1]);
        }
    }

    @Test
    void concurrentPublishesKeepAGapFreeEventLogAndExactlyOneWinnerPerKey() throws Exception {
        int threads = 16;
        int perThread = 25;
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 256 << 20)) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "t" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int won = 0;
                    for (int i = 0; i < perThread; i++) {
                        try {
                            claim(store, "key/" + i, owner + "-" + i).commit();
                            won++;
                        } catch (ConflictException e) {
                            // another thread claimed key/i first
                        }
                    }
                    return won;
                }));
            }
            int won = 0;
            for (Future<Integer> f : futures) {
                won += f.get(120, TimeUnit.SECONDS);
            }
            assertEquals(perThread, won, "exactly one winner per key");
            List<StoredEvent> events = store.readAfter(0, 10_000);
            assertEquals(perThread, events.size());
            Set<String> owners = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).seq());
                owners.add(events.get(i).payload().asText());
            }
            for (int i = 0; i < perThread; i++) {
                String owner = new String(store.get("key/" + i).orElseThrow(), UTF_8);
                assertTrue(owners.contains(owner), "the stored winner has its event: " + owner);
                assertTrue(store.get("side/" + owner).isPresent());
            }
            long[] counts = store.groupCommitCounts();
            assertEquals(threads * perThread, counts[1]);
        }
    }

    @Test
    void aGroupThatOverflowsTheMapGrowsItAndCommitsEveryBatchOnce() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            Held held = holdWriter(store);
            List<Future<List<StoredEvent>>> commits = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                WriteBatch batch = store.newBatch();
                byte[] doc = new byte[200_000];
                Arrays.fill(doc, (byte) i);
                batch.putDocument("big/" + i, doc, Precondition.IF_ABSENT);
                batch.appendEvent("big", null);
                commits.add(pool.submit(batch::commit));
                awaitWaiting(store, i + 1);
            }
            held.release().countDown();
            held.blocker().get(30, TimeUnit.SECONDS);
            for (Future<List<StoredEvent>> f : commits) {
                assertEquals(1, f.get(30, TimeUnit.SECONDS).size());
            }
            assertTrue(store.stats().mapSizeBytes() > 1 << 20, "the map grew");
            assertEquals(21, store.length());
            for (int i = 0; i < 20; i++) {
                assertEquals(200_000, store.get("big/" + i).orElseThrow().length);
            }
        }
    }

    @Test
    void inAFullStoreABatchThatFitsAloneStillCommits() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 1 << 20)) {
            Held held = holdWriter(store);
            WriteBatch huge = store.newBatch();
            huge.putDocument("huge", new byte[2 << 20], Precondition.NONE);
            WriteBatch small = store.newBatch();
            small.putDocument("small", bytes("fits"), Precondition.NONE);
            Future<List<StoredEvent>> hugeCommit = pool.submit(huge::commit);
            awaitWaiting(store, 1);
            Future<List<StoredEvent>> smallCommit = pool.submit(small::commit);
            awaitWaiting(store, 2);
            held.release().countDown();
            held.blocker().get(30, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> hugeCommit.get(30, TimeUnit.SECONDS));
            assertInstanceOf(StoreFullException.class, e.getCause());
            smallCommit.get(30, TimeUnit.SECONDS);
            assertArrayEquals(bytes("fits"), store.get("small").orElseThrow());
            assertTrue(store.get("huge").isEmpty());
        }
    }

    @Test
    void closingDrainsQueuedBatchesIntoTheStore() throws Exception {
        LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20);
        Held held = holdWriter(store);
        List<Future<List<StoredEvent>>> commits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            commits.add(pool.submit(claim(store, "q" + i, "o" + i)::commit));
            awaitWaiting(store, i + 1);
        }
        Future<?> closing = pool.submit(store::close);
        Thread.sleep(100);
        assertTrue(!closing.isDone(), "close waits for the queued batches");
        held.release().countDown();
        closing.get(30, TimeUnit.SECONDS);
        held.blocker().get();
        for (Future<List<StoredEvent>> f : commits) {
            f.get();
        }
        try (LmdbMetadataStore reopened = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(bytes("o" + i), reopened.get("q" + i).orElseThrow());
            }
            assertEquals(4, reopened.length());
        }
    }
}
