package com.goodpackagerepo.storage.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A job that runs on one node at a time (garbage collection, retention, scheduled sweeps). In cluster mode it is a
 * PostgreSQL session-level advisory lock held on its own connection for the whole run: a node that dies mid-run
 * loses its connection and with it the lock, and every step of a run is its own atomic batch, so nothing is left
 * half done. In single mode the lock is the process itself ({@link #local()}).
 */
public final class SingletonLock implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SingletonLock.class.getName());

    private final String job;
    private final Connection connection;
    private final long key;

    private SingletonLock(String job, Connection connection, long key) {
        this.job = job;
        this.connection = connection;
        this.key = key;
    }

    /** A lock that always succeeds (single mode: the caller's own in-process exclusion is enough). */
    public static SingletonLock local() {
        return new SingletonLock("local", null, 0);
    }

    /** The lock of {@code job} when no other session holds it; empty when another node is running it. */
    public static Optional<SingletonLock> tryAcquire(DataSource dataSource, String job) {
        long key = key(job);
        Connection c = null;
        try {
            c = Connections.open(dataSource);
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return Optional.of(new SingletonLock(job, c, key));
                    }
                }
            }
            c.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot take the cluster lock of " + job + ": " + e.getMessage(), e);
        }
    }

    static long key(String job) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("gpr:" + job).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String job() {
        return job;
    }

    /** Releases the lock (and returns the connection to its pool). */
    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "releasing the cluster lock of " + job + " failed; closing its session releases it", e);
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing a lock connection", e);
        }
    }
}
