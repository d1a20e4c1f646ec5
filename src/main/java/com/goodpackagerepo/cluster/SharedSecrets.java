package com.goodpackagerepo.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Secrets every node of a cluster must hold alike (the download-link HMAC key), kept in PostgreSQL
 * ({@code gpr_cluster_setting}): the first node that asks for one creates it at random, every other node reads the
 * same value. The insert is {@code ON CONFLICT DO NOTHING} followed by a read, so nodes asking at once agree without
 * a lock (start-up asks under the {@link StartupLock} anyway). In single mode there is nothing to share: empty.
 */
@ApplicationScoped
public class SharedSecrets {
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = "jdbc/gpr")
    DataSource dataSource;

    @Inject
    ClusterSettings settings;

    /** The cluster's secret {@code name} (32 random bytes, created on first use); empty in single mode. */
    public Optional<byte[]> secret(String name) {
        if (!settings.clustered()) {
            return Optional.empty();
        }
        String settingName = "secret:" + name;
        byte[] fresh = new byte[SECRET_BYTES];
        RANDOM.nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO gpr_cluster_setting (setting_name, setting_value)"
                    + " VALUES (?, ?) ON CONFLICT (setting_name) DO NOTHING")) {
                insert.setString(1, settingName);
                insert.setString(2, Base64.getEncoder().encodeToString(fresh));
                insert.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT setting_value FROM gpr_cluster_setting WHERE setting_name = ?")) {
                read.setString(1, settingName);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the cluster secret " + name + " vanished after it was stored");
                    }
                    byte[] secret = Base64.getDecoder().decode(rs.getString(1));
                    if (secret.length < SECRET_BYTES) {
                        throw new IllegalStateException("the cluster secret " + name + " in gpr_cluster_setting has "
                                + secret.length + " bytes, fewer than " + SECRET_BYTES);
                    }
                    return Optional.of(secret);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or create the cluster secret " + name + ": " + e.getMessage(), e);
        }
    }
}
