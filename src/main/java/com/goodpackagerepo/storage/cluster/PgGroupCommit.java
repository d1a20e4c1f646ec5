package com.goodpackagerepo.storage.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.GroupCommitter;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Group commit of a node's cluster write batches ({@link GroupCommitter} over PostgreSQL). Batches handed in while
 * a commit runs share the next transaction: each runs its statements under its own SAVEPOINT (a conflict or a
 * statement error rolls back only that batch), then the group takes one range of numbers from the counter row —
 * last, as a single batch did, so groups commit in the order of their numbers and a reader never skips one —
 * inserts its log entries and commits with one WAL flush. Before any caller of the group returns, the group's
 * entries are applied to this node's LMDB in one transaction (read-your-writes). A batch alone runs without a
 * savepoint, exactly like an ungrouped commit.
 */
final class PgGroupCommit implements GroupCommitter.Engine<PgGroupCommit.Group>, AutoCloseable {
    /** Bounds a group's transaction (locks held, savepoints, the apply that every member waits for). */
    static final int MAX_GROUP = 32;
    private static final int RETRIES = 5;

    /** An event of a batch before it has its number. */
    record PendingEvent(String type, JsonNode payload) {
    }

    /** A batch's statements, run inside the group's transaction; returns the batch's log entry. */
    @FunctionalInterface
    interface BatchWork {
        Entry run(Group group) throws SQLException;
    }

    private final ClusterMetadataStore store;
    private final GroupCommitter<Group> committer;

    PgGroupCommit(ClusterMetadataStore store, int maxGroup) {
        this.store = store;
        this.committer = new GroupCommitter<>(this, maxGroup);
    }

    /**
     * Runs {@code work} in the next group transaction and returns its numbered log entry once the group has
     * committed and has been applied to this node's replica.
     *
     * @throws com.goodpackagerepo.storage.ConflictException a precondition of this batch failed (nothing of it
     *                                                       was written; the rest of the group is unaffected)
     * @throws DomainException                               {@code UNAVAILABLE} when the database did not take it
     */
    ReplicatedBatch commit(BatchWork work) {
        Entry entry = committer.commit(group -> {
            try {
                return work.run(group);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        });
        return entry.numbered;
    }

    /** Groups committed so far, the batches they held, and batches waiting now (for tests and diagnostics). */
    long[] counts() {
        long[] counts = committer.counts();
        return new long[] {counts[0], counts[1], committer.waiting()};
    }

    @Override
    public void write(java.util.function.Consumer<Group> work) {
        for (int attempt = 1; ; attempt++) {
            List<ReplicatedBatch> committed;
            try (Connection c = store.connection()) {
                committed = Connections.inTransaction(c, tx -> {
                    Group group = new Group(tx);
                    work.accept(group);
                    return group.number(store.nodeId());
                });
            } catch (SQLException | SqlFailure e) {
                SQLException cause = e instanceof SqlFailure f ? f.getCause() : (SQLException) e;
                if (attempt < RETRIES && retryable(cause)) {
                    continue; // a deadlock between groups locking the same rows: the batches are pure data, run again
                }
                throw unavailable(cause);
            }
            if (!committed.isEmpty()) {
                store.applyOwn(committed);
            }
            return;
        }
    }

    @Override
    public <R> R nested(Group parent, Function<Group, R> work) {
        Savepoint savepoint;
        try {
            savepoint = parent.c.setSavepoint();
        } catch (SQLException e) {
            throw new SqlFailure(e, true);
        }
        int entries = parent.entries.size();
        try {
            return work.apply(parent); // not released: a released savepoint costs a round trip and saves nothing
        } catch (RuntimeException e) {
            if (failsGroup(e)) {
                throw e;
            }
            parent.entries.subList(entries, parent.entries.size()).clear();
            try {
                parent.c.rollback(savepoint);
            } catch (SQLException rollback) {
                throw new SqlFailure(rollback, true);
            }
            throw e instanceof SqlFailure f ? unavailable(f.getCause()) : e;
        }
    }

    /** A deadlock, a serialization failure or a broken transaction: the group's transaction is lost, retry it. */
    @Override
    public boolean failsGroup(RuntimeException failure) {
        return failure instanceof SqlFailure f && (f.group || retryable(f.getCause()));
    }

    @Override
    public void close() {
        committer.close();
    }

    private static boolean retryable(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private static DomainException unavailable(SQLException e) {
        return new DomainException(ErrorCode.UNAVAILABLE, "The cluster database did not take the write: "
                + e.getMessage(), e);
    }

    /** The group's transaction: its connection and the entries of the batches that succeeded so far, in order. */
    static final class Group {
        private final Connection c;
        private final PgStatements sql;
        private final List<Entry> entries = new ArrayList<>();

        private Group(Connection c) {
            this.c = c;
            this.sql = new PgStatements(c);
        }

        PgStatements sql() {
            return sql;
        }

        /** Registers a batch whose statements have run; it is numbered when the group commits. */
        Entry add(List<ReplicatedBatch.Write> writes, List<PendingEvent> events) {
            Entry entry = new Entry(writes, events);
            entries.add(entry);
            return entry;
        }

        /**
         * Takes the group's range of batch and event numbers from the counter row (locked until commit) and
         * inserts the log entries in group order.
         */
        private List<ReplicatedBatch> number(String nodeId) throws SQLException {
            if (entries.isEmpty()) {
                return List.of(); // every batch failed: nothing to number, nothing to announce
            }
            sql.notifyCommitted(nodeId); // before the counter: keeps the serialized part short
            int eventCount = entries.stream().mapToInt(entry -> entry.events.size()).sum();
            long[] last = sql.takeNumbers(entries.size(), eventCount);
            long batchSeq = last[0] - entries.size();
            long eventSeq = last[1] - eventCount;
            String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            List<ReplicatedBatch> numbered = new ArrayList<>(entries.size());
            List<PgStatements.LogEntry> log = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                List<StoredEvent> events = new ArrayList<>(entry.events.size());
                for (PendingEvent pending : entry.events) {
                    events.add(new StoredEvent(++eventSeq, UUID.randomUUID().toString(), pending.type(),
                            pending.payload(), at));
                }
                entry.numbered = new ReplicatedBatch(++batchSeq, entry.writes, events);
                numbered.add(entry.numbered);
                log.add(new PgStatements.LogEntry(batchSeq, WriteSetCodec.encode(entry.writes), events));
            }
            sql.insertBatches(nodeId, log);
            return numbered;
        }
    }

    /** One batch of a group: what it wrote, and its numbered log entry once the group is numbered. */
    static final class Entry {
        private final List<ReplicatedBatch.Write> writes;
        private final List<PendingEvent> events;
        private ReplicatedBatch numbered;

        private Entry(List<ReplicatedBatch.Write> writes, List<PendingEvent> events) {
            this.writes = writes;
            this.events = events;
        }
    }

    /** A statement failed; {@code group}: the transaction itself is unusable, not just this batch's part. */
    private static final class SqlFailure extends RuntimeException {
        private final boolean group;

        SqlFailure(SQLException cause) {
            this(cause, false);
        }

        SqlFailure(SQLException cause, boolean group) {
            super(cause.getMessage(), cause);
            this.group = group;
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
