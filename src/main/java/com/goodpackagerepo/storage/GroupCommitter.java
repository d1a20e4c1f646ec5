package com.goodpackagerepo.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit: write batches that arrive while a commit is running are applied together, in arrival order,
 * in one top-level write transaction that is committed — and synced — once, instead of each taking the
 * single writer lock and paying its own sync. Engine-neutral: LMDB (child transactions) and the cluster's
 * PostgreSQL (savepoints) both plug in through {@link Engine}.
 *
 * <p>There is no committer thread: the first caller that finds no commit running becomes the leader, takes
 * every waiting batch (up to {@code maxGroup}), applies them and commits; callers arriving meanwhile queue up
 * and the first of them leads the next group. A waiting caller is woken only when its group has committed or
 * when it is first in line to lead, never by every commit. An uncontended commit therefore runs on its own
 * thread with no hand-off, exactly as before.
 *
 * <p>In a group of more than one, each batch runs in its own child (nested) transaction: a batch that fails
 * (a precondition, bad input) rolls back only its own writes and gets its own exception; the others commit.
 * A failure that concerns the whole transaction ({@link Engine#failsGroup}, e.g. the map is full and must
 * grow) aborts the group, and {@link Engine#write} may re-run it from scratch. {@link #commit} returns only
 * after the group's commit returned, i.e. after its sync: that is the durability point of every batch in it.
 * A commit failure fails every batch of the group; nothing of it was applied — except that a group too large
 * for a full store is committed again batch by batch, so a batch fails for lack of space only if it does not
 * fit alone.
 */
public final class GroupCommitter<T> implements AutoCloseable {

    /** What the committer needs from the storage engine. */
    public interface Engine<T> {
        /**
         * Runs {@code work} in one new top-level write transaction and commits it durably; returns after the
         * sync. May run {@code work} again (from scratch) after a failure that {@link #failsGroup} accepts.
         */
        void write(Consumer<T> work);

        /** Runs {@code work} in a child of {@code parent}: merged into it on return, rolled back when it throws. */
        <R> R nested(T parent, Function<T, R> work);

        /** True for a failure that must abort the whole group rather than only the batch that hit it. */
        boolean failsGroup(RuntimeException failure);

        /**
         * True when a group that failed with {@code failure} should be committed again one batch at a time,
         * because a batch may succeed alone (the store is full: a smaller transaction may still fit).
         */
        default boolean retryAlone(RuntimeException failure) {
            return false;
        }
    }

    private final Engine<T> engine;
    private final int maxGroup;
    private final ArrayDeque<Request<T, ?>> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private boolean leading;
    private boolean closed;
    private long groups;
    private long batches;

    public GroupCommitter(Engine<T> engine, int maxGroup) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1");
        }
        this.engine = engine;
        this.maxGroup = maxGroup;
    }

    /**
     * Applies {@code batch} in the next group commit and returns its result once that commit is durable.
     *
     * @throws RuntimeException what {@code batch} threw (nothing of it was applied), or the group's commit
     *                          failure (nothing of the group was applied)
     * @throws IllegalStateException after {@link #close()}
     */
    public <R> R commit(Function<T, R> batch) {
        Request<T, R> request = new Request<>(batch, lock.newCondition());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the metadata store is closed");
            }
            queue.add(request);
            while (!request.done) {
                if (leading) {
                    // Woken only when its group has committed or when it is first in line to lead the next one.
                    request.wakeUp.awaitUninterruptibly();
                    continue;
                }
                leading = true;
                List<Request<T, ?>> group = new ArrayList<>(Math.min(queue.size(), maxGroup));
                while (!queue.isEmpty() && group.size() < maxGroup) {
                    group.add(queue.poll());
                }
                groups++;
                batches += group.size();
                lock.unlock();
                try {
                    apply(group);
                } finally {
                    lock.lock();
                    leading = false;
                    group.forEach(member -> member.wakeUp.signal());
                    Request<T, ?> next = queue.peek();
                    if (next != null) {
                        next.wakeUp.signal();
                    }
                    idle.signalAll();
                }
            }
            return request.outcome();
        } finally {
            lock.unlock();
        }
    }

    private void apply(List<Request<T, ?>> group) {
        try {
            engine.write(txn -> {
                if (group.size() == 1) {
                    group.get(0).attempt(txn); // alone: its failure aborts the transaction, which holds only it
                    return;
                }
                for (Request<T, ?> request : group) {
                    try {
                        request.attemptNested(engine, txn);
                    } catch (RuntimeException e) {
                        if (engine.failsGroup(e)) {
                            throw e;
                        }
                        request.tentativeFailure = e;
                    }
                }
            });
            group.forEach(Request::complete);
        } catch (RuntimeException e) {
            if (group.size() > 1 && engine.retryAlone(e)) {
                group.forEach(request -> apply(List.of(request)));
                return;
            }
            group.forEach(request -> request.fail(e));
        } catch (Error e) {
            RuntimeException failure = new IllegalStateException("group commit failed", e);
            group.forEach(request -> request.fail(failure));
            throw e;
        }
    }

    /** Groups committed so far and the batches they held (for tests and diagnostics). */
    public long[] counts() {
        lock.lock();
        try {
            return new long[] {groups, batches};
        } finally {
            lock.unlock();
        }
    }

    /** Batches waiting for a group (for tests). */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new batches and waits until every batch already handed in has been committed or failed;
     * idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            while (leading || !queue.isEmpty()) {
                idle.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One caller's batch, its tentative result inside the running transaction and its final outcome. */
    private static final class Request<T, R> {
        private final Function<T, R> work;
        private final Condition wakeUp;
        private R tentative;
        private RuntimeException tentativeFailure;
        private R result;
        private RuntimeException failure;
        private volatile boolean done; // written last: whoever sees it true sees the outcome

        Request(Function<T, R> work, Condition wakeUp) {
            this.work = work;
            this.wakeUp = wakeUp;
        }

        void attempt(T txn) {
            tentativeFailure = null;
            tentative = work.apply(txn);
        }

        void attemptNested(Engine<T> engine, T txn) {
            tentativeFailure = null;
            tentative = null;
            tentative = engine.nested(txn, work);
        }

        /** The transaction committed: the tentative outcome is final. Called by the leader, then published. */
        void complete() {
            if (tentativeFailure != null) {
                fail(tentativeFailure);
            } else {
                result = tentative;
                done = true;
            }
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }

        R outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
