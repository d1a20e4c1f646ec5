package com.goodpackagerepo.cluster;

import com.goodpackagerepo.storage.cluster.ClusterNotifications;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-node notifications for in-memory security and configuration state (docs/security.md, "Cluster").
 *
 * <p>A node that changes such state {@link #publish}es a signal: a row in {@code gpr_cluster_signal}, written in
 * the change's transaction when there is one (so no node sees the signal before the change). Every node polls the
 * table every {@code gpr.cluster.signal-poll-ms} (default 200) for rows after the last it saw, and fires each
 * signal from another node as a CDI {@link ClusterSignal} event; the classes holding the state observe it and drop
 * or reload their copy. A signal also {@code pg_notify}s in its transaction, and the node's one LISTEN connection
 * ({@link ClusterNotifications}, shared with the log tail) polls at once on it; the bound from a change's commit to
 * every node's copy following it is one query then, and the poll interval plus one query when the listener is
 * down. In single mode there is no other node: publishing and polling do nothing.
 */
@ApplicationScoped
public class ClusterSignals {
    private static final Logger LOG = Logger.getLogger(ClusterSignals.class.getName());
    /** How long an id skipped over is awaited: longer than any transaction that inserts a signal. */
    static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(120);
    static final long RETENTION_MILLIS = TimeUnit.HOURS.toMillis(1);
    static final int MAX_PAYLOAD = 1024;

    @Resource(lookup = "jdbc/gpr")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ClusterSettings settings;

    @Inject
    Event<ClusterSignal> events;

    @Inject
    ClusterNotifications notifications;

    @Inject
    @ConfigProperty(name = "gpr.cluster.signal-poll-ms", defaultValue = "200")
    long pollMillis;

    private SignalCursor cursor;
    private ScheduledFuture<?> poller;
    private long lastPurge;
    private long lastFailureLog;
    private String nodeId;

    /** Records a change for the other nodes; a no-op in single mode. */
    public void publish(String topic, String payload) {
        if (!settings.clustered()) {
            return;
        }
        String body = payload == null ? "" : payload;
        if (body.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("signal payload longer than " + MAX_PAYLOAD + " characters");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO gpr_cluster_signal (topic, payload, origin, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, topic);
            insert.setString(2, body);
            insert.setString(3, nodeId());
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, ClusterNotifications.SIGNAL_CHANNEL); // delivered when the change commits
                notify.setString(2, nodeId());
                notify.executeQuery().close();
            }
        } catch (SQLException e) {
            // the change itself is made: the other nodes would keep a stale copy, so the caller must know
            throw new IllegalStateException("cannot signal '" + topic + "' to the other nodes: " + e.getMessage(), e);
        }
    }

    /** Starts following the other nodes' signals from now on (after start-up; a no-op in single mode). */
    public synchronized void start() {
        if (!settings.clustered() || poller != null) {
            return;
        }
        cursor = new SignalCursor(currentMaxId(), GAP_NANOS);
        poller = executor.scheduleWithFixedDelay(this::pollSafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        // a NOTIFY polls at once; the schedule stays as the fallback when the listener connection is down
        notifications.subscribe(ClusterNotifications.SIGNAL_CHANNEL, nodeId(), () -> executor.execute(this::pollSafely));
        LOG.info(() -> "following cluster signals every " + pollMillis + " ms from id " + cursor.position());
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.cancel(false);
            poller = null;
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | SQLException e) {
            long now = System.currentTimeMillis();
            if (now - lastFailureLog > 60_000) {
                lastFailureLog = now;
                LOG.log(Level.WARNING, "polling cluster signals failed (retrying every " + pollMillis + " ms)", e);
            }
        }
    }

    /** One poll: every signal after the cursor (and in its gaps) from another node, fired in id order. */
    synchronized void poll() throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<ClusterSignal> signals = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        String gaps = cursor.gaps().stream().limit(500).map(String::valueOf).collect(Collectors.joining(","));
        String sql = "SELECT id, topic, payload, origin FROM gpr_cluster_signal WHERE id > ?"
                + (gaps.isEmpty() ? "" : " OR id IN (" + gaps + ")") + " ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, cursor.position());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    signals.add(new ClusterSignal(rs.getString(2), rs.getString(3)));
                    origins.add(rs.getString(4));
                }
            }
            purgeOld(c);
        }
        List<Long> fresh = cursor.accept(ids, System.nanoTime());
        String self = nodeId();
        for (int i = 0; i < ids.size(); i++) {
            if (fresh.contains(ids.get(i)) && !self.equals(origins.get(i))) {
                deliver(signals.get(i));
            }
        }
    }

    private void deliver(ClusterSignal signal) {
        try {
            events.fire(signal);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "applying cluster signal " + signal + " failed", e);
        }
    }

    private void purgeOld(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge < 60_000) {
            return;
        }
        lastPurge = now;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM gpr_cluster_signal WHERE created_at < ?")) {
            delete.setLong(1, now - RETENTION_MILLIS);
            delete.executeUpdate();
        }
    }

    private long currentMaxId() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM gpr_cluster_signal");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cluster signal table: " + e.getMessage(), e);
        }
    }

    private String nodeId() {
        if (nodeId == null) {
            nodeId = settings.nodeId();
        }
        return nodeId;
    }
}
