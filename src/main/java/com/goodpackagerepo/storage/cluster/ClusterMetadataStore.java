package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.Compaction;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.kv.KeyPage;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The metadata store of a cluster node. PostgreSQL is the authority: every batch commits there first
 * ({@link ClusterWriteBatch}). This node's LMDB is a replica ({@link ClusterReplicator}); reads are served from
 * it, and a document lookup that misses locally is confirmed against PostgreSQL before it counts as absent, so a
 * node that is behind never answers a false 404. Blob references come from PostgreSQL, so garbage collection on
 * any node sees the references committed by every node.
 */
public final class ClusterMetadataStore implements MetadataStore {
    private static final Logger LOG = Logger.getLogger(ClusterMetadataStore.class.getName());
    private static final String RULES_SETTING = "blob_ref_rules";

    private final LmdbMetadataStore local;
    private final DataSource dataSource;
    private final String nodeId;
    private final ClusterReplicator replicator;
    private final PgGroupCommit groupCommit = new PgGroupCommit(this, PgGroupCommit.MAX_GROUP);
    private volatile BlobReferences blobReferences;

    public ClusterMetadataStore(LmdbMetadataStore local, DataSource dataSource, String nodeId,
                                BlobReferences blobReferences, Duration poll) {
        this.local = local;
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.blobReferences = blobReferences;
        this.replicator = new ClusterReplicator(local, dataSource, nodeId, poll, 500);
    }

    /** Aligns the shared blob references with this node's rules, then starts following the log. */
    public ClusterMetadataStore start() {
        syncBlobReferenceRules(blobReferences);
        replicator.start();
        return this;
    }

    public ClusterReplicator replicator() {
        return replicator;
    }

    public ReplicaLag lag() {
        return replicator.lag();
    }

    public String nodeId() {
        return nodeId;
    }

    Connection connection() throws SQLException {
        return Connections.open(dataSource);
    }

    BlobReferences blobReferenceRules() {
        return blobReferences;
    }

    /** Commits a batch's statements in this node's next group transaction; see {@link PgGroupCommit#commit}. */
    ReplicatedBatch commitGrouped(PgGroupCommit.BatchWork work) {
        return groupCommit.commit(work);
    }

    /** Group commits so far, the batches they held, and batches waiting now (for tests and diagnostics). */
    long[] groupCommitCounts() {
        return groupCommit.counts();
    }

    /** Applies a committed group's entries (consecutive numbers, in order) to this node's replica. */
    void applyOwn(List<ReplicatedBatch> batches) {
        try {
            replicator.applyOwn(batches);
        } catch (RuntimeException e) {
            // committed in the authority: the clients' writes stand; the tail applies them here later
            LOG.warning("cluster replica: applying own entries " + batches.get(0).seq() + ".."
                    + batches.get(batches.size() - 1).seq() + " failed (" + e + "); the tail retries");
        }
    }

    /** This node's replica alone: a miss may be an entry not applied here yet. */
    Optional<byte[]> getLocal(String key) {
        return local.get(key);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<byte[]> value = local.get(key);
        if (value.isPresent()) {
            return value;
        }
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT doc_value FROM gpr_cluster_document WHERE doc_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DomainException(ErrorCode.UNAVAILABLE,
                    "Not on this node yet and the cluster database cannot confirm it: " + e.getMessage(), e);
        }
    }

    @Override
    public KeyPage keys(String prefix, String cursor, int limit) {
        return local.keys(prefix, cursor, limit);
    }

    @Override
    public IndexPage query(IndexDefinition index, IndexQuery query) {
        return local.query(index, query);
    }

    @Override
    public List<StoredEvent> readAfter(long afterSeq, int limit) {
        return local.readAfter(afterSeq, limit);
    }

    @Override
    public long length() {
        return local.length();
    }

    @Override
    public WriteBatch newBatch() {
        return new ClusterWriteBatch(this);
    }

    @Override
    public void copyTo(Path emptyDir) {
        local.copyTo(emptyDir);
    }

    @Override
    public Compaction compact() {
        return local.compact();
    }

    @Override
    public boolean blobReferenced(String digest) {
        return !blobReferrers(digest, 1).isEmpty();
    }

    @Override
    public List<String> blobReferrers(String digest, int limit) {
        String hex = BlobDigests.hex(digest);
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT doc_key FROM gpr_cluster_blob_ref WHERE digest = ? ORDER BY doc_key LIMIT ?")) {
            ps.setString(1, hex);
            ps.setInt(2, limit);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "The cluster database cannot say who references "
                    + hex + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void useBlobReferences(BlobReferences rules) {
        local.useBlobReferences(rules);
        if (!rules.spec().equals(blobReferences.spec())) {
            syncBlobReferenceRules(rules);
        }
        blobReferences = rules;
    }

    /**
     * Rebuilds gpr_cluster_blob_ref from the documents when the rules it was built with differ. The table is
     * locked against writers meanwhile, so no reference is missed.
     */
    private void syncBlobReferenceRules(BlobReferences rules) {
        try (Connection c = connection()) {
            Connections.inTransaction(c, tx -> {
                try (Statement s = tx.createStatement()) {
                    s.execute("LOCK TABLE gpr_cluster_blob_ref IN SHARE ROW EXCLUSIVE MODE");
                }
                String stored = null;
                try (PreparedStatement ps = tx.prepareStatement("SELECT setting_value FROM gpr_cluster_setting WHERE setting_name = ?")) {
                    ps.setString(1, RULES_SETTING);
                    try (ResultSet rs = ps.executeQuery()) {
                        stored = rs.next() ? rs.getString(1) : null;
                    }
                }
                if (!rules.spec().equals(stored)) {
                    rebuildBlobReferences(tx, rules);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cluster store: cannot align blob references: " + e.getMessage(), e);
        }
    }

    private static void rebuildBlobReferences(Connection c, BlobReferences rules) throws SQLException {
        long refs = 0;
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM gpr_cluster_blob_ref");
        }
        if (!rules.isEmpty()) {
            try (Statement s = c.createStatement();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO gpr_cluster_blob_ref (digest, doc_key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                s.setFetchSize(500);
                try (ResultSet rs = s.executeQuery("SELECT doc_key, doc_value FROM gpr_cluster_document")) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        if (rules.covers(key)) {
                            for (String digest : rules.digests(key, rs.getBytes(2))) {
                                insert.setString(1, digest);
                                insert.setString(2, key);
                                insert.addBatch();
                                refs++;
                            }
                        }
                    }
                }
                insert.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_setting (setting_name, setting_value)"
                + " VALUES (?, ?) ON CONFLICT (setting_name) DO UPDATE SET setting_value = EXCLUDED.setting_value")) {
            ps.setString(1, RULES_SETTING);
            ps.setString(2, rules.spec());
            ps.executeUpdate();
        }
        long count = refs;
        LOG.info(() -> "cluster store: blob references rebuilt for rules [" + rules.spec() + "]: " + count);
    }

    @Override
    public StoreStats stats() {
        return local.stats();
    }

    @Override
    public void close() {
        groupCommit.close(); // lets the batches already handed in commit and reach the replica
        replicator.close();
        local.close();
    }
}
