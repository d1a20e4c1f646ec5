package com.goodpackagerepo.cluster;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Token buckets every node of a cluster shares, kept in PostgreSQL ({@code gpr_login_bucket}, Bucket4j's
 * select-for-update backend): the login throttle's limits then hold for the cluster as a whole, not per node.
 * Rows whose bucket has refilled completely expire and are deleted in the background of later calls.
 */
@ApplicationScoped
public class SharedBuckets {
    private static final Logger LOG = Logger.getLogger(SharedBuckets.class.getName());
    private static final long PURGE_EVERY_MILLIS = 60_000;

    @Resource(lookup = "jdbc/gpr")
    DataSource dataSource;

    @Inject
    ClusterSettings settings;

    private volatile PostgreSQLSelectForUpdateBasedProxyManager<String> manager;
    private volatile long lastPurge;

    /** Whether buckets are shared (cluster mode); in single mode callers keep theirs in memory. */
    public boolean shared() {
        return settings.clustered();
    }

    /** The shared bucket named {@code name}, created with {@code configuration} when it does not exist yet. */
    public Bucket bucket(String name, BucketConfiguration configuration) {
        purgeExpiredNow();
        return manager().builder().build(hash(name), () -> configuration);
    }

    private PostgreSQLSelectForUpdateBasedProxyManager<String> manager() {
        PostgreSQLSelectForUpdateBasedProxyManager<String> m = manager;
        if (m == null) {
            synchronized (this) {
                if (manager == null) {
                    manager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                            .primaryKeyMapper(PrimaryKeyMapper.STRING)
                            .table("gpr_login_bucket")
                            .idColumn("id")
                            .stateColumn("state")
                            .expiresAtColumn("expires_at")
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                            .build();
                }
                m = manager;
            }
        }
        return m;
    }

    private void purgeExpiredNow() {
        long now = System.currentTimeMillis();
        if (now - lastPurge < PURGE_EVERY_MILLIS) {
            return;
        }
        lastPurge = now;
        try {
            manager().removeExpired(1000);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting expired login buckets failed", e);
        }
    }

    static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
