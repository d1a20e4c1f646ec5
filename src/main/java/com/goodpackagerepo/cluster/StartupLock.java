package com.goodpackagerepo.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Serializes the first-start steps (migrations, seed import, bootstrap admin, signing key) across the nodes of a
 * cluster with a PostgreSQL session advisory lock, so that nodes started at once see each other's result instead of
 * racing: exactly one imports the seed, creates the admin and the first key; the others find them. Single mode
 * runs the steps directly (one process, nothing to race).
 */
@ApplicationScoped
public class StartupLock {
    private static final Logger LOG = Logger.getLogger(StartupLock.class.getName());
    /** The advisory lock's key: a constant no other lock of the application uses ("gpr-star" in ASCII). */
    static final long KEY = 0x6770722d73746172L;

    @Resource(lookup = "jdbc/gpr")
    DataSource dataSource;

    @Inject
    ClusterSettings settings;

    public void run(Runnable steps) {
        if (!settings.clustered()) {
            steps.run();
            return;
        }
        // autocommit session of its own: the lock is held by this connection across the steps' own transactions
        try (Connection c = dataSource.getConnection()) {
            long waited = System.nanoTime();
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                lock.execute();
            }
            LOG.info(() -> "start-up lock taken after " + (System.nanoTime() - waited) / 1_000_000 + " ms");
            try {
                steps.run();
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, KEY);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the cluster start-up lock: " + e.getMessage(), e);
        }
    }
}
