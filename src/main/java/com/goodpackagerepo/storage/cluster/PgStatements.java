package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** The SQL of one cluster write transaction, on a connection whose transaction the caller owns. */
final class PgStatements {
    private final Connection c;

    PgStatements(Connection c) {
        this.c = c;
    }

    /** The stored value, locked until the transaction ends (shared for a check, exclusive before a write). */
    byte[] lockDocument(String key, boolean shared) throws SQLException {
        String sql = "SELECT doc_value FROM gpr_cluster_document WHERE doc_key = ? FOR " + (shared ? "SHARE" : "UPDATE");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** False when the key exists (a concurrent insert waits for the other transaction, then finds it). */
    boolean insertDocumentIfAbsent(String key, byte[] value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_document (doc_key, doc_value, version)"
                + " VALUES (?, ?, 1) ON CONFLICT (doc_key) DO NOTHING")) {
            ps.setString(1, key);
            ps.setBytes(2, value);
            return ps.executeUpdate() == 1;
        }
    }

    void updateDocument(String key, byte[] value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE gpr_cluster_document SET doc_value = ?, version = version + 1"
                + " WHERE doc_key = ?")) {
            ps.setBytes(1, value);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    void deleteDocument(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM gpr_cluster_document WHERE doc_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    void replaceBlobRefs(String key, Set<String> digests, boolean covered) throws SQLException {
        if (!covered) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM gpr_cluster_blob_ref WHERE doc_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
        if (digests.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_blob_ref (digest, doc_key) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            for (String digest : digests) {
                ps.setString(1, digest);
                ps.setString(2, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void upsertIndexRow(IndexDefinition index, String identity, byte[] row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_index_row"
                + " (index_name, identity_hash, definition, row_value) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (index_name, identity_hash) DO UPDATE SET definition = EXCLUDED.definition,"
                + " row_value = EXCLUDED.row_value")) {
            ps.setString(1, index.name());
            ps.setString(2, identity);
            ps.setString(3, WriteSetCodec.definitionText(index));
            ps.setBytes(4, row);
            ps.executeUpdate();
        }
    }

    void deleteIndexRow(IndexDefinition index, String identity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM gpr_cluster_index_row WHERE index_name = ? AND identity_hash = ?")) {
            ps.setString(1, index.name());
            ps.setString(2, identity);
            ps.executeUpdate();
        }
    }

    /** One entry of the log, numbered, with its write set encoded. */
    record LogEntry(long seq, byte[] writes, List<StoredEvent> events) {
    }

    /** {@link #takeNumbers(int, int)} for one batch. */
    long[] takeNumbers(int events) throws SQLException {
        return takeNumbers(1, events);
    }

    /**
     * Takes the next {@code batches} batch numbers and {@code events} event numbers from the counter row. The row
     * stays locked until this transaction ends, so the next writer gets the next numbers only after this one
     * committed (or rolled back, returning them): the log has no gaps and commits in number order, and a reader
     * never skips a number.
     *
     * @return {last batch seq, last event seq}
     */
    long[] takeNumbers(int batches, int events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE gpr_cluster_counter SET batch_seq = batch_seq + ?,"
                + " event_seq = event_seq + ? WHERE id = 1 RETURNING batch_seq, event_seq")) {
            ps.setInt(1, batches);
            ps.setInt(2, events);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("gpr_cluster_counter has no row (migration V10 not applied?)");
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    void insertBatch(long seq, String nodeId, byte[] writes, List<StoredEvent> events) throws SQLException {
        insertBatches(nodeId, List.of(new LogEntry(seq, writes, events)));
    }

    /** Inserts log entries and their events, each table in one JDBC batch (one round trip). */
    void insertBatches(String nodeId, List<LogEntry> entries) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_batch (seq, node_id, committed_at, writes)"
                + " VALUES (?, ?, ?, ?)")) {
            for (LogEntry entry : entries) {
                ps.setLong(1, entry.seq());
                ps.setString(2, nodeId);
                ps.setLong(3, now);
                ps.setBytes(4, entry.writes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (entries.stream().allMatch(entry -> entry.events().isEmpty())) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpr_cluster_event"
                + " (seq, event_id, batch_seq, event_type, payload, at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LogEntry entry : entries) {
                for (StoredEvent event : entry.events()) {
                    ps.setLong(1, event.seq());
                    ps.setString(2, event.eventId());
                    ps.setLong(3, entry.seq());
                    ps.setString(4, event.type());
                    ps.setBytes(5, WriteSetCodec.bytes(event.payload()));
                    ps.setString(6, event.at());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Wakes the other nodes' tails when this transaction commits (NOTIFY is delivered at commit, never before). */
    void notifyCommitted(String nodeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, ClusterNotifications.LOG_CHANNEL);
            ps.setString(2, nodeId);
            ps.executeQuery().close();
        }
    }
}
