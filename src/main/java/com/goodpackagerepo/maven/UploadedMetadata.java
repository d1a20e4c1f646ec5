package com.goodpackagerepo.maven;

import com.goodpackagerepo.cluster.ClusterSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The checksums of the {@code maven-metadata.xml} a client uploaded last, by repository path: a Maven deploy uploads
 * the file, then its checksum files, which must match what it uploaded (the server serves generated metadata, not the
 * upload). Kept in a bounded map; in cluster mode also in PostgreSQL ({@code gpr_maven_uploaded_metadata}), since the
 * load balancer may send the checksum files to another node than the file. Rows live an hour (a deploy takes seconds).
 */
@ApplicationScoped
public class UploadedMetadata {
    static final int MAX_REMEMBERED = 10_000;
    static final long KEEP_MILLIS = 3_600_000;
    private static final long PURGE_EVERY_MILLIS = 60_000;

    @Resource(lookup = "jdbc/gpr")
    DataSource dataSource;

    @Inject
    ClusterSettings cluster;

    private final Map<String, Map<ChecksumAlgorithm, String>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<ChecksumAlgorithm, String>> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private volatile long lastPurge;

    public void remember(String key, Map<ChecksumAlgorithm, String> checksums) {
        synchronized (recent) {
            recent.put(key, Map.copyOf(checksums));
        }
        if (shared()) {
            write(key, checksums);
        }
    }

    /** What was uploaded at {@code key}: this node's memory, else (cluster mode) the other nodes' uploads. */
    public Optional<Map<ChecksumAlgorithm, String>> find(String key) {
        synchronized (recent) {
            Map<ChecksumAlgorithm, String> local = recent.get(key);
            if (local != null) {
                return Optional.of(local);
            }
        }
        return shared() ? read(key) : Optional.empty();
    }

    private boolean shared() {
        return cluster != null && cluster.clustered();
    }

    static String encode(Map<ChecksumAlgorithm, String> checksums) {
        StringBuilder out = new StringBuilder();
        checksums.forEach((algorithm, hex) -> out.append(out.length() == 0 ? "" : " ").append(algorithm.name())
                .append('=').append(hex));
        return out.toString();
    }

    static Map<ChecksumAlgorithm, String> decode(String encoded) {
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        for (String part : encoded.trim().split(" +")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                checksums.put(ChecksumAlgorithm.valueOf(part.substring(0, eq)), part.substring(eq + 1));
            }
        }
        return checksums;
    }

    private void write(String key, Map<ChecksumAlgorithm, String> checksums) {
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO gpr_maven_uploaded_metadata"
                    + " (metadata_key, checksums, uploaded_at) VALUES (?, ?, ?) ON CONFLICT (metadata_key)"
                    + " DO UPDATE SET checksums = EXCLUDED.checksums, uploaded_at = EXCLUDED.uploaded_at")) {
                upsert.setString(1, key);
                upsert.setString(2, encode(checksums));
                upsert.setLong(3, now);
                upsert.executeUpdate();
            }
            if (now - lastPurge > PURGE_EVERY_MILLIS) {
                lastPurge = now;
                try (PreparedStatement purge = c.prepareStatement(
                        "DELETE FROM gpr_maven_uploaded_metadata WHERE uploaded_at < ?")) {
                    purge.setLong(1, now - KEEP_MILLIS);
                    purge.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the uploaded maven-metadata.xml for the other nodes: "
                    + e.getMessage(), e);
        }
    }

    private Optional<Map<ChecksumAlgorithm, String>> read(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT checksums FROM gpr_maven_uploaded_metadata WHERE metadata_key = ? AND uploaded_at >= ?")) {
            q.setString(1, key);
            q.setLong(2, System.currentTimeMillis() - KEEP_MILLIS);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(decode(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uploaded maven-metadata.xml of the other nodes: "
                    + e.getMessage(), e);
        }
    }
}
