package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.storage.blob.SharedLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Blob leases in {@code gpr_cluster_blob_lease}, ordered against sweeps by a transaction-level advisory lock per
 * digest: registering a lease and a sweep's decide-and-delete on the same digest never overlap, on any node. A
 * lease of a node that died expires after {@code ttl} (longer than any publish transaction). The publishes of one
 * node register and release their leases in groups ({@link PgItemGroups}): one transaction and one flush for all
 * that arrive while the previous group commits.
 */
public final class PgBlobLeases implements SharedLeases {
    private static final Logger LOG = Logger.getLogger(PgBlobLeases.class.getName());
    /** The first key of the two-int advisory locks of blob digests ("gprb"); a separate key space from singletons. */
    private static final int LOCK_CLASS = 0x67707262;
    /** Bounds a group's statements; the publishes of one node rarely overlap by more. */
    private static final int MAX_GROUP = 64;

    private final DataSource dataSource;
    private final String nodeId;
    private final Duration ttl;
    private final PgItemGroups<Lease> registrations;
    private final PgItemGroups<String> releases;

    /** A lease to register. */
    private record Lease(String id, String hex) {
    }

    public PgBlobLeases(DataSource dataSource, String nodeId, Duration ttl) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.ttl = ttl;
        this.registrations = new PgItemGroups<>(dataSource, MAX_GROUP, this::register);
        this.releases = new PgItemGroups<>(dataSource, MAX_GROUP, PgBlobLeases::delete);
    }

    /**
     * Registers the lease in the next group of this node's registrations: one transaction takes every digest's
     * advisory lock (in digest-hash order, so two groups never deadlock) and inserts the group's leases, with one
     * synchronous commit (a lost lease could let a sweep delete a blob a publish relies on).
     */
    @Override
    public String acquire(String hex) {
        String id = UUID.randomUUID().toString();
        try {
            registrations.add(new Lease(id, hex));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cluster blob lease on " + hex + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** Registration groups committed so far and the leases they held (for tests). */
    long[] registrationCounts() {
        return registrations.counts();
    }

    private void register(Connection c, List<Lease> leases) throws SQLException {
        lockDigests(c, leases.stream().map(Lease::hex).toList());
        long expires = System.currentTimeMillis() + ttl.toMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_blob_lease"
                + " (lease_id, digest, node_id, expires_at) VALUES (?, ?, ?, ?)")) {
            for (Lease lease : leases) {
                ps.setString(1, lease.id());
                ps.setString(2, lease.hex());
                ps.setString(3, nodeId);
                ps.setLong(4, expires);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Deletes the lease, in the next group of this node's releases, without waiting for its WAL flush
     * ({@code synchronous_commit = off} for that transaction only): a release lost in a database crash leaves a
     * lease that expires after {@code ttl}, which only keeps the blob longer, so it need not cost every publish a
     * flush of its own.
     */
    @Override
    public void release(String leaseId) {
        try {
            releases.add(leaseId);
        } catch (IllegalStateException e) {
            // the lease expires on its own; until then the sweep merely keeps the blob
            LOG.log(Level.WARNING, "releasing blob lease " + leaseId + " failed; it expires after " + ttl, e);
        }
    }

    private static void delete(Connection c, List<String> leaseIds) throws SQLException {
        try (Statement s = c.createStatement();
             PreparedStatement ps = c.prepareStatement("DELETE FROM gpr_cluster_blob_lease WHERE lease_id = ANY (?)")) {
            s.execute("SET LOCAL synchronous_commit TO OFF");
            ps.setArray(1, c.createArrayOf("varchar", leaseIds.toArray()));
            ps.executeUpdate();
        }
    }

    @Override
    public <T> T exclusive(String hex, Function<Boolean, T> work) {
        try (Connection c = Connections.open(dataSource)) {
            return Connections.inTransaction(c, tx -> {
                lockDigests(tx, List.of(hex));
                boolean leased;
                try (PreparedStatement ps = tx.prepareStatement(
                        "SELECT 1 FROM gpr_cluster_blob_lease WHERE digest = ? AND expires_at > ? LIMIT 1")) {
                    ps.setString(1, hex);
                    ps.setLong(2, System.currentTimeMillis());
                    try (ResultSet rs = ps.executeQuery()) {
                        leased = rs.next();
                    }
                }
                return work.apply(leased);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cluster blob lease on " + hex + ": " + e.getMessage(), e);
        }
    }

    /** Takes the transaction-level advisory locks of the digests, in ascending order of their keys. */
    private static void lockDigests(Connection c, List<String> hexes) throws SQLException {
        int[] keys = hexes.stream().mapToInt(String::hashCode).distinct().sorted().toArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            for (int key : keys) {
                ps.setInt(2, key);
                ps.execute();
            }
        }
    }
}
