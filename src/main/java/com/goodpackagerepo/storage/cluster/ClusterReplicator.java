package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.storage.ReplicaStore;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps this node's LMDB a replica of the authoritative log: rebuilds it from a consistent PostgreSQL snapshot when
 * it has never been one (new or wiped node), then tails {@code gpr_cluster_batch} in number order and applies each
 * entry's writes and events with the position in the same LMDB transaction: the writes its events' apply pipelines
 * produce when they reproduce the entry's write-set, else the write-set ({@link PipelineApply}). Entries are
 * numbered without gaps and commit in number order (the counter row), so "everything above my position" is
 * exactly what is missing.
 * Writers on this node apply their own entry through {@link #applyOwn} under the same lock, never ahead of the
 * entries below it.
 */
public final class ClusterReplicator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterReplicator.class.getName());
    private static final int SNAPSHOT_CHUNK = 500;

    private static final long REPORT_MILLIS = 1000;
    private static final long PURGE_MILLIS = 60_000;

    private final ReplicaStore local;
    private final DataSource dataSource;
    private final String nodeId;
    private long reportedAt;
    private long purgedAt;
    private final Duration poll;
    private final int pageSize;
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Released by {@link #wake()} (a NOTIFY of a new entry): the idle tail reads at once instead of at the poll. */
    private final Semaphore wakeups = new Semaphore(0);
    private volatile long headSeq;
    private volatile long pendingSinceMillis;
    private volatile boolean databaseReached = true;
    private volatile boolean running;
    private volatile Consumer<List<StoredEvent>> onTailed = events -> { };
    private final PipelineApply pipelineApply = new PipelineApply();
    private Thread thread;

    public ClusterReplicator(ReplicaStore local, DataSource dataSource, String nodeId, Duration poll, int pageSize) {
        this.local = local;
        this.nodeId = nodeId;
        this.dataSource = dataSource;
        this.poll = poll;
        this.pageSize = pageSize;
    }

    /**
     * Who hears about the events of the entries the tail applies (other nodes' writes) once they are in the
     * replica; called on the tail's thread after the apply lock is released (so it must not wait for the store).
     */
    public void onTailed(Consumer<List<StoredEvent>> listener) {
        this.onTailed = listener;
    }

    /** How tailed entries are applied (by apply pipeline or write-set) and the counts of each. */
    public PipelineApply pipelineApply() {
        return pipelineApply;
    }

    /** Starts the tail on its own thread (rebuilding first when needed). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "gpr-cluster-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                if (local.replicaPosition() < 0) {
                    rebuild();
                }
                int applied = tailOnce();
                report();
                if (applied == 0) {
                    idle(poll.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                databaseReached = false;
                LOG.log(Level.WARNING, "cluster replica: reading the log failed; retrying", e);
                try {
                    idle(Math.max(1000, poll.toMillis()));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits up to {@code millis} or until woken; wake-ups that arrived meanwhile count as one. */
    private void idle(long millis) throws InterruptedException {
        if (wakeups.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            wakeups.drainPermits();
        }
    }

    /** Ends the idle wait now: a new entry was committed (LISTEN/NOTIFY), so reading the log finds it. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Applies the next page of the log; returns how many entries it applied. */
    public int tailOnce() throws SQLException {
        return tailOnce(Long.MAX_VALUE);
    }

    /** Applies the next page of the log, up to entry {@code upTo}; returns how many entries it applied. */
    private int tailOnce(long upTo) throws SQLException {
        List<ReplicatedBatch> batches;
        applyLock.lock();
        try {
            long position = local.replicaPosition();
            if (position < 0) {
                return 0;
            }
            try (Connection c = Connections.open(dataSource)) {
                batches = fetch(c, position, (int) Math.min(pageSize, upTo - position));
                refreshHead(c, position + batches.size());
            }
            databaseReached = true;
            local.applyReplicated(pipelineApply.prepare(batches), true);
        } finally {
            applyLock.unlock();
        }
        announce(batches);
        return batches.size();
    }

    private void announce(List<ReplicatedBatch> batches) {
        List<StoredEvent> events = new ArrayList<>();
        batches.forEach(b -> events.addAll(b.events()));
        if (!events.isEmpty()) {
            try {
                onTailed.accept(List.copyOf(events));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster replica: a listener of applied entries failed", e);
            }
        }
    }

    /**
     * Makes this replica hold the writers' own committed entries (one group commit: consecutive numbers, in order)
     * before the writers reply, applied from their write-sets in one LMDB transaction. Entries below them that this
     * replica lacks (other nodes') are fetched and applied first; ours are never read back from the log nor run
     * through the apply pipelines (the tail skips them later by position).
     */
    public void applyOwn(List<ReplicatedBatch> batches) {
        long first = batches.get(0).seq();
        long last = batches.get(batches.size() - 1).seq();
        applyLock.lock();
        try {
            long position = local.replicaPosition();
            if (position >= last) {
                return;
            }
            if (position < 0) {
                return; // a rebuild is pending; its snapshot or the tail after it will hold these entries
            }
            while (local.replicaPosition() < first - 1) {
                if (tailOnce(first - 1) == 0) {
                    throw new IllegalStateException("log entry " + (first - 1) + " committed but not readable");
                }
            }
            local.applyReplicated(batches, true); // one LMDB transaction; entries at or below position are skipped
            headSeq = Math.max(headSeq, last);
        } catch (SQLException e) {
            databaseReached = false;
            LOG.log(Level.WARNING, "cluster replica: catching up to own entry " + last
                    + " failed; the tail will apply it", e);
        } finally {
            applyLock.unlock();
        }
    }

    /**
     * Replaces the replica with a consistent snapshot of the authority (one repeatable-read transaction: the
     * documents, index rows and events of exactly the entries up to the counter it reads) and sets the position.
     */
    public void rebuild() throws SQLException {
        applyLock.lock();
        try (Connection c = Connections.open(dataSource)) {
            LOG.info("cluster replica: rebuilding from PostgreSQL");
            long started = System.nanoTime();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long seq;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT batch_seq FROM gpr_cluster_counter WHERE id = 1")) {
                rs.next();
                seq = rs.getLong(1);
            }
            local.clearReplica();
            long docs = loadDocuments(c);
            long rows = loadIndexRows(c);
            long events = loadEvents(c);
            c.commit();
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            local.setReplicaPosition(seq);
            headSeq = Math.max(headSeq, seq);
            databaseReached = true;
            LOG.info(String.format("cluster replica: rebuilt at entry %d (%d documents, %d index rows, %d events) in %d ms",
                    seq, docs, rows, events, (System.nanoTime() - started) / 1_000_000));
        } finally {
            applyLock.unlock();
        }
    }

    private long loadDocuments(Connection c) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(SNAPSHOT_CHUNK);
            try (ResultSet rs = s.executeQuery("SELECT doc_key, doc_value FROM gpr_cluster_document")) {
                List<ReplicatedBatch.PutDocument> chunk = new ArrayList<>();
                while (rs.next()) {
                    chunk.add(new ReplicatedBatch.PutDocument(rs.getString(1), rs.getBytes(2)));
                    if (chunk.size() == SNAPSHOT_CHUNK) {
                        local.loadSnapshot(chunk, List.of(), List.of());
                        n += chunk.size();
                        chunk = new ArrayList<>();
                    }
                }
                local.loadSnapshot(chunk, List.of(), List.of());
                return n + chunk.size();
            }
        }
    }

    private long loadIndexRows(Connection c) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(SNAPSHOT_CHUNK);
            try (ResultSet rs = s.executeQuery("SELECT definition, row_value FROM gpr_cluster_index_row")) {
                List<ReplicaStore.IndexRow> chunk = new ArrayList<>();
                while (rs.next()) {
                    chunk.add(new ReplicaStore.IndexRow(WriteSetCodec.definition(rs.getString(1)),
                            WriteSetCodec.json(rs.getBytes(2))));
                    if (chunk.size() == SNAPSHOT_CHUNK) {
                        local.loadSnapshot(List.of(), chunk, List.of());
                        n += chunk.size();
                        chunk = new ArrayList<>();
                    }
                }
                local.loadSnapshot(List.of(), chunk, List.of());
                return n + chunk.size();
            }
        }
    }

    private long loadEvents(Connection c) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(SNAPSHOT_CHUNK);
            try (ResultSet rs = s.executeQuery(
                    "SELECT seq, event_id, event_type, payload, at FROM gpr_cluster_event ORDER BY seq")) {
                List<StoredEvent> chunk = new ArrayList<>();
                while (rs.next()) {
                    chunk.add(event(rs));
                    if (chunk.size() == SNAPSHOT_CHUNK) {
                        local.loadSnapshot(List.of(), List.of(), chunk);
                        n += chunk.size();
                        chunk = new ArrayList<>();
                    }
                }
                local.loadSnapshot(List.of(), List.of(), chunk);
                return n + chunk.size();
            }
        }
    }

    /** Up to {@code limit} entries above {@code after}, contiguous (stops before a gap, which the counter rules out). */
    static List<ReplicatedBatch> fetch(Connection c, long after, int limit) throws SQLException {
        List<long[]> seqs = new ArrayList<>();
        List<byte[]> writes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, writes FROM gpr_cluster_batch WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                long expected = after + 1;
                while (rs.next() && rs.getLong(1) == expected) {
                    seqs.add(new long[] {expected++});
                    writes.add(rs.getBytes(2));
                }
            }
        }
        if (seqs.isEmpty()) {
            return List.of();
        }
        long last = seqs.get(seqs.size() - 1)[0];
        Map<Long, List<StoredEvent>> events = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_id, event_type, payload, at, batch_seq"
                + " FROM gpr_cluster_event WHERE batch_seq > ? AND batch_seq <= ? ORDER BY seq")) {
            ps.setLong(1, after);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.computeIfAbsent(rs.getLong(6), k -> new ArrayList<>()).add(event(rs));
                }
            }
        }
        List<ReplicatedBatch> batches = new ArrayList<>(seqs.size());
        for (int i = 0; i < seqs.size(); i++) {
            long seq = seqs.get(i)[0];
            batches.add(new ReplicatedBatch(seq, WriteSetCodec.decode(writes.get(i)), events.getOrDefault(seq, List.of())));
        }
        return batches;
    }

    private static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), WriteSetCodec.json(rs.getBytes(4)),
                rs.getString(5));
    }

    private void refreshHead(Connection c, long appliedAfterThis) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.batch_seq, (SELECT b.committed_at FROM gpr_cluster_batch b WHERE b.seq = " + (appliedAfterThis + 1)
                        + ") FROM gpr_cluster_counter c WHERE c.id = 1")) {
            if (rs.next()) {
                headSeq = rs.getLong(1);
                long pendingSince = rs.getLong(2);
                pendingSinceMillis = rs.wasNull() ? 0 : pendingSince;
            }
        }
    }

    /** Publishes this node's figures for the other nodes' admin pages, at most once a second. */
    private void report() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - reportedAt < REPORT_MILLIS) {
            return;
        }
        reportedAt = now;
        if (now - purgedAt >= PURGE_MILLIS) {
            purgedAt = now;
            purgeExpiredLeases(dataSource, now);
        }
        ReplicaLag lag = lag();
        try (Connection c = Connections.open(dataSource); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gpr_cluster_node (node_id, applied_seq, head_seq, seconds_behind, ready, reported_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET applied_seq = EXCLUDED.applied_seq,"
                        + " head_seq = EXCLUDED.head_seq, seconds_behind = EXCLUDED.seconds_behind,"
                        + " ready = EXCLUDED.ready, reported_at = EXCLUDED.reported_at")) {
            ps.setString(1, nodeId);
            ps.setLong(2, lag.appliedSeq());
            ps.setLong(3, lag.headSeq());
            ps.setDouble(4, lag.secondsBehind());
            ps.setBoolean(5, lag.rebuilt() && lag.databaseReached());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** Removes blob leases past their expiry (left by nodes that died mid-publish; sweeps ignore them already). */
    static int purgeExpiredLeases(DataSource dataSource, long nowMillis) throws SQLException {
        try (Connection c = Connections.open(dataSource);
             PreparedStatement ps = c.prepareStatement("DELETE FROM gpr_cluster_blob_lease WHERE expires_at <= ?")) {
            ps.setLong(1, nowMillis);
            return ps.executeUpdate();
        }
    }

    /** Every node's last report (this one included), by node id. */
    public List<NodeReport> nodes() throws SQLException {
        List<NodeReport> nodes = new ArrayList<>();
        try (Connection c = Connections.open(dataSource); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT node_id, applied_seq, head_seq, seconds_behind, ready, reported_at FROM gpr_cluster_node"
                        + " ORDER BY node_id")) {
            while (rs.next()) {
                nodes.add(new NodeReport(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4),
                        rs.getBoolean(5), rs.getLong(6)));
            }
        }
        return nodes;
    }

    /** One node's figures as it last reported them ({@code reportedAtMillis}: epoch ms). */
    public record NodeReport(String nodeId, long appliedSeq, long headSeq, double secondsBehind, boolean rebuilt,
                             long reportedAtMillis) {
    }

    public ReplicaLag lag() {
        long applied = local.replicaPosition();
        long head = Math.max(headSeq, applied);
        double seconds = applied < head && pendingSinceMillis > 0
                ? Math.max(0, System.currentTimeMillis() - pendingSinceMillis) / 1000.0 : 0;
        return new ReplicaLag(Math.max(applied, 0), head, seconds, applied >= 0, databaseReached);
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
