package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.storage.blob.SharedLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Blob leases in {@code gpr_cluster_blob_lease}, ordered against sweeps by a transaction-level advisory lock per
 * digest: registering a lease and a sweep's decide-and-delete on the same digest never overlap, on any node. A
 * lease of a node that died expires after {@code ttl} (longer than any publish transaction).
 */
public final class PgBlobLeases implements SharedLeases {
    private static final Logger LOG = Logger.getLogger(PgBlobLeases.class.getName());
    /** The first key of the two-int advisory locks of blob digests ("gprb"); a separate key space from singletons. */
    private static final int LOCK_CLASS = 0x67707262;

    private final DataSource dataSource;
    private final String nodeId;
    private final Duration ttl;

    public PgBlobLeases(DataSource dataSource, String nodeId, Duration ttl) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.ttl = ttl;
    }

    @Override
    public String acquire(String hex) {
        String id = UUID.randomUUID().toString();
        inTransaction(hex, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_blob_lease"
                    + " (lease_id, digest, node_id, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, hex);
                ps.setString(3, nodeId);
                ps.setLong(4, System.currentTimeMillis() + ttl.toMillis());
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /**
     * Deletes the lease without waiting for its WAL flush ({@code synchronous_commit = off} for this transaction
     * only): a release lost in a database crash leaves a lease that expires after {@code ttl}, which only keeps the
     * blob longer, so it need not cost every publish a flush of its own. (Acquiring stays synchronous: a lost lease
     * could let a sweep delete a blob a publish relies on.)
     */
    @Override
    public void release(String leaseId) {
        try (Connection c = Connections.open(dataSource)) {
            Connections.inTransaction(c, tx -> {
                try (Statement s = tx.createStatement();
                     PreparedStatement ps = tx.prepareStatement("DELETE FROM gpr_cluster_blob_lease WHERE lease_id = ?")) {
                    s.execute("SET LOCAL synchronous_commit TO OFF");
                    ps.setString(1, leaseId);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            // the lease expires on its own; until then the sweep merely keeps the blob
            LOG.log(Level.WARNING, "releasing blob lease " + leaseId + " failed; it expires after " + ttl, e);
        }
    }

    @Override
    public <T> T exclusive(String hex, Function<Boolean, T> work) {
        return inTransaction(hex, c -> {
            boolean leased;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM gpr_cluster_blob_lease WHERE digest = ? AND expires_at > ? LIMIT 1")) {
                ps.setString(1, hex);
                ps.setLong(2, System.currentTimeMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    leased = rs.next();
                }
            }
            return work.apply(leased);
        });
    }

    private <T> T inTransaction(String hex, Connections.Work<T> work) {
        try (Connection c = Connections.open(dataSource)) {
            return Connections.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setInt(2, hex.hashCode());
                    ps.execute();
                }
                return work.run(tx);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cluster blob lease on " + hex + ": " + e.getMessage(), e);
        }
    }
}
