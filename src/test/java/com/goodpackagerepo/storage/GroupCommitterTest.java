package com.goodpackagerepo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group committer against a fake engine whose "transaction" is a list of writes: what a group applies,
 * in which order, what one failing batch takes with it (only itself), when callers return (after the sync),
 * and that closing drains what was handed in.
 */
class GroupCommitterTest {

    /** A failure the fake engine treats like LMDB's map-full: it aborts the group, which is then retried. */
    static final class GroupFailure extends RuntimeException {
        GroupFailure() {
            super("map full");
        }
    }

    /** Transactions are lists of strings; a commit appends them to {@link #durable} and counts one sync. */
    static final class FakeEngine implements GroupCommitter.Engine<List<String>> {
        final List<String> durable = new CopyOnWriteArrayList<>();
        final List<List<String>> groups = new CopyOnWriteArrayList<>();
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        volatile RuntimeException commitFailure;

        @Override
        public void write(Consumer<List<String>> work) {
            while (true) {
                List<String> txn = new ArrayList<>();
                try {
                    work.accept(txn);
                } catch (GroupFailure e) {
                    retries.incrementAndGet();
                    continue; // "grow the map" and run the whole group again
                }
                if (commitFailure != null) {
                    throw commitFailure;
                }
                durable.addAll(txn);
                groups.add(txn);
                syncs.incrementAndGet();
                return;
            }
        }

        @Override
        public <R> R nested(List<String> parent, Function<List<String>, R> work) {
            List<String> child = new ArrayList<>();
            R result = work.apply(child);
            parent.addAll(child);
            return result;
        }

        @Override
        public boolean failsGroup(RuntimeException failure) {
            return failure instanceof GroupFailure;
        }
    }

    final FakeEngine engine = new FakeEngine();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A batch that writes {@code name} and returns it. */
    static Function<List<String>, String> write(String name) {
        return txn -> {
            txn.add(name);
            return name;
        };
    }

    /** Starts a batch that blocks inside its transaction until {@code release} opens; returns its future. */
    Future<String> blockedLeader(GroupCommitter<List<String>> committer, CountDownLatch entered,
                                 CountDownLatch release) {
        return pool.submit(() -> committer.commit(txn -> {
            txn.add("leader");
            entered.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "leader";
        }));
    }

    /** A leader blocked inside its transaction, and the latch that lets it go on. */
    record Held(Future<String> leader, CountDownLatch release) {
    }

    Held holdLeader(GroupCommitter<List<String>> committer) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> leader = blockedLeader(committer, entered, release);
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        return new Held(leader, release);
    }

    /** Submits the batches one after the other, each queued before the next is submitted (arrival order known). */
    List<Future<String>> queue(GroupCommitter<List<String>> committer, List<Function<List<String>, String>> batches)
            throws InterruptedException {
        List<Future<String>> futures = new ArrayList<>();
        for (Function<List<String>, String> batch : batches) {
            int before = committer.waiting();
            futures.add(pool.submit(() -> committer.commit(batch)));
            awaitWaiting(committer, before + 1);
        }
        return futures;
    }

    static void awaitWaiting(GroupCommitter<?> committer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (committer.waiting() < count) {
            assertTrue(System.nanoTime() < deadline, "batches never queued");
            Thread.sleep(2);
        }
    }

    @Test
    void anUncontendedCommitIsAGroupOfOne() {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        assertEquals("a", committer.commit(write("a")));
        assertEquals("b", committer.commit(write("b")));
        assertEquals(List.of("a", "b"), engine.durable);
        assertEquals(2, engine.syncs.get());
    }

    @Test
    void batchesArrivingDuringACommitShareTheNextCommitAndItsSync() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        List<Function<List<String>, String>> batches = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batches.add(write("b" + i));
        }
        List<Future<String>> futures = queue(committer, batches);
        held.release().countDown();
        assertEquals("leader", held.leader().get(30, TimeUnit.SECONDS));
        for (int i = 0; i < 16; i++) {
            assertEquals("b" + i, futures.get(i).get(30, TimeUnit.SECONDS), "each caller gets its own result");
        }
        assertEquals(2, engine.syncs.get(), "17 batches, 2 commits: the leader's, then one for the 16 that waited");
        assertEquals(16, engine.groups.get(1).size());
        assertEquals(2, committer.counts()[0]);
        assertEquals(17, committer.counts()[1]);
    }

    @Test
    void aGroupAppliesItsBatchesInArrivalOrder() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        List<Future<String>> futures = queue(committer, List.of(write("c"), write("a"), write("d"), write("b")));
        held.release().countDown();
        held.leader().get(30, TimeUnit.SECONDS);
        for (Future<String> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("c", "a", "d", "b"), engine.groups.get(1));
    }

    @Test
    void aFailingBatchRollsBackOnlyItselfAndGetsItsOwnException() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        IllegalArgumentException conflict = new IllegalArgumentException("precondition failed");
        List<Future<String>> futures = queue(committer, List.of(write("ok1"), txn -> {
            txn.add("half-written");
            throw conflict;
        }, write("ok2")));
        held.release().countDown();
        held.leader().get(30, TimeUnit.SECONDS);
        assertEquals("ok1", futures.get(0).get(30, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> futures.get(1).get(30, TimeUnit.SECONDS));
        assertSame(conflict, failed.getCause());
        assertEquals("ok2", futures.get(2).get(30, TimeUnit.SECONDS));
        assertEquals(List.of("leader", "ok1", "ok2"), engine.durable, "the failed batch left nothing behind");
        assertEquals(2, engine.syncs.get());
    }

    @Test
    void aFailureOfTheWholeGroupReRunsEveryBatchOnce() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        AtomicInteger attempts = new AtomicInteger();
        List<Future<String>> futures = queue(committer, List.of(write("x"), txn -> {
            txn.add("grows");
            if (attempts.incrementAndGet() == 1) {
                throw new GroupFailure();
            }
            return "grows";
        }, write("y")));
        held.release().countDown();
        held.leader().get(30, TimeUnit.SECONDS);
        for (Future<String> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, engine.retries.get());
        assertEquals(List.of("leader", "x", "grows", "y"), engine.durable, "re-run from scratch: nothing twice");
    }

    @Test
    void aCommitFailureFailsEveryBatchOfTheGroupAndNothingIsApplied() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        List<Future<String>> futures = queue(committer, List.of(write("p"), write("q")));
        IllegalStateException diskError = new IllegalStateException("EIO");
        engine.commitFailure = diskError;
        held.release().countDown();
        for (Future<String> f : List.of(held.leader(), futures.get(0), futures.get(1))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertSame(diskError, e.getCause());
        }
        assertTrue(engine.durable.isEmpty());
        engine.commitFailure = null;
        assertEquals("r", committer.commit(write("r")), "the committer goes on after a failed group");
    }

    @Test
    void noCallerReturnsBeforeItsGroupIsSynced() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = "w" + i;
            futures.add(pool.submit(() -> {
                for (int k = 0; k < 20; k++) {
                    String item = name + "-" + k;
                    committer.commit(write(item));
                    if (!engine.durable.contains(item)) {
                        return false; // returned before the commit that holds it
                    }
                }
                return true;
            }));
        }
        for (Future<Boolean> f : futures) {
            assertTrue(f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(320, engine.durable.size());
        assertTrue(engine.syncs.get() <= 320);
    }

    @Test
    void groupsNeverExceedTheirLimit() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 4);
        Held held = holdLeader(committer);
        List<Function<List<String>, String>> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batches.add(write("n" + i));
        }
        List<Future<String>> futures = queue(committer, batches);
        held.release().countDown();
        held.leader().get(30, TimeUnit.SECONDS);
        for (Future<String> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(11, engine.durable.size());
        engine.groups.forEach(group -> assertTrue(group.size() <= 4, "group of " + group.size()));
        assertEquals(1 + 3, engine.syncs.get(), "10 waiting batches in groups of at most 4");
    }

    @Test
    void closeDrainsWhatWasHandedInThenRefusesNewBatches() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        List<Future<String>> futures = queue(committer, List.of(write("q1"), write("q2"), write("q3")));
        Future<?> closing = pool.submit(committer::close);
        Thread.sleep(100);
        assertFalse(closing.isDone(), "close waits for the batches already handed in");
        held.release().countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("leader", "q1", "q2", "q3"), engine.durable, "committed when close returns");
        for (Future<String> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        held.leader().get(30, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, () -> committer.commit(write("late")));
        committer.close();
    }

    @Test
    void anInterruptedWaiterStillGetsItsBatchCommittedAndKeepsTheInterrupt() throws Exception {
        GroupCommitter<List<String>> committer = new GroupCommitter<>(engine, 64);
        Held held = holdLeader(committer);
        Thread[] waiter = new Thread[1];
        Future<Boolean> queued = pool.submit(() -> {
            waiter[0] = Thread.currentThread();
            committer.commit(write("patient"));
            return Thread.currentThread().isInterrupted();
        });
        awaitWaiting(committer, 1);
        waiter[0].interrupt();
        Thread.sleep(50);
        held.release().countDown();
        held.leader().get(30, TimeUnit.SECONDS);
        assertTrue(queued.get(30, TimeUnit.SECONDS), "the interrupt is restored");
        assertTrue(engine.durable.contains("patient"));
    }
}
