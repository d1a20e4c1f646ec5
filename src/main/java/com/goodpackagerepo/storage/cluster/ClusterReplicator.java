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
import java.util.List;
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
                boolean more = tail(Long.MAX_VALUE).more();
                report();
                if (!more) {
                    idle(poll.toMillis()); // a NOTIFY that arrived while applying ends this wait at once
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
        return tail(Long.MAX_VALUE).batches().size();
    }

    /** Applies the next page of the log, up to entry {@code upTo}; returns that page. */
    private LogPage tail(long upTo) throws SQLException {
        LogPage page;
        applyLock.lock();
        try {
            long position = local.replicaPosition();
            if (position < 0) {
                return LogPage.EMPTY;
            }
            try (Connection c = Connections.open(dataSource)) {
                page = page(c, position, (int) Math.min(pageSize, upTo - position));
            }
            databaseReached = true;
            headSeq = page.head();
            pendingSinceMillis = page.nextCommittedAt();
            local.applyReplicated(pipelineApply.prepare(page.batches()), true);
        } finally {
            applyLock.unlock();
        }
        announce(page.batches());
        return page;
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
                if (tail(first - 1).batches().isEmpty()) {
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
                    chunk.add(event(rs, 1));
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

    /**
     * One page: the counter row, up to the page size + 1 entries above the position, and the events of the page's
     * entries. Parameters: the page's last number, the position, the page size + 1, the position, the page's last
     * number.
     */
    static final String PAGE_SQL = "SELECT c.batch_seq, b.seq, b.committed_at, CASE WHEN b.seq <= ? THEN b.writes END,"
            + " e.seq, e.event_id, e.event_type, e.payload, e.at"
            + " FROM gpr_cluster_counter c"
            + " LEFT JOIN LATERAL (SELECT seq, committed_at, writes FROM gpr_cluster_batch"
            + " WHERE seq > ? ORDER BY seq LIMIT ?) b ON true"
            // the range lets the planner use the batch index (a join on b.seq alone scanned the whole table)
            + " LEFT JOIN gpr_cluster_event e ON e.batch_seq = b.seq AND e.batch_seq > ? AND e.batch_seq <= ?"
            + " WHERE c.id = 1 ORDER BY b.seq, e.seq";

    /** Up to {@code limit} entries above {@code after}, contiguous (stops before a gap, which the counter rules out). */
    static List<ReplicatedBatch> fetch(Connection c, long after, int limit) throws SQLException {
        return page(c, after, limit).batches();
    }

    /**
     * One page of the log read in one statement (one snapshot, one round trip): up to {@code limit} entries above
     * {@code after} with their events, the head (the counter row) and when the first entry after the page was
     * committed (0 when the page reaches the head). The entry after the page is read for that time only.
     */
    static LogPage page(Connection c, long after, int limit) throws SQLException {
        List<ReplicatedBatch> batches = new ArrayList<>();
        long head = after;
        long nextCommittedAt = 0;
        try (PreparedStatement ps = c.prepareStatement(PAGE_SQL)) {
            long last = after + limit;
            ps.setLong(1, last);
            ps.setLong(2, after);
            ps.setInt(3, limit + 1);
            ps.setLong(4, after);
            ps.setLong(5, last);
            try (ResultSet rs = ps.executeQuery()) {
                long current = after; // the entry whose rows are being read (one row per event, at least one)
                byte[] writes = null;
                List<StoredEvent> events = new ArrayList<>();
                while (rs.next()) {
                    head = rs.getLong(1);
                    long seq = rs.getLong(2);
                    if (rs.wasNull()) {
                        break; // nothing above `after`
                    }
                    if (seq != current) {
                        if (seq != current + 1) {
                            break; // a gap, which the counter rules out: stop before it
                        }
                        if (seq > last) {
                            nextCommittedAt = rs.getLong(3);
                            break;
                        }
                        if (writes != null) {
                            batches.add(new ReplicatedBatch(current, WriteSetCodec.decode(writes), events));
                            events = new ArrayList<>();
                        }
                        writes = rs.getBytes(4);
                        current = seq;
                    }
                    rs.getLong(5);
                    if (!rs.wasNull()) { // an entry without events has one row, its event columns null
                        events.add(event(rs, 5));
                    }
                }
                if (writes != null) {
                    batches.add(new ReplicatedBatch(current, WriteSetCodec.decode(writes), events));
                }
            }
        }
        return new LogPage(List.copyOf(batches), Math.max(head, after), nextCommittedAt);
    }

    /** A page of the log: its entries, the head when it was read, the commit time of the entry after it (or 0). */
    record LogPage(List<ReplicatedBatch> batches, long head, long nextCommittedAt) {
        static final LogPage EMPTY = new LogPage(List.of(), 0, 0);

        /** Whether entries beyond this page were committed when it was read. */
        boolean more() {
            return nextCommittedAt > 0;
        }
    }

    /** The event in the columns seq, event_id, event_type, payload, at from {@code first} on. */
    private static StoredEvent event(ResultSet rs, int first) throws SQLException {
        return new StoredEvent(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2),
                WriteSetCodec.json(rs.getBytes(first + 3)), rs.getString(first + 4));
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
