package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema on the local PostgreSQL (127.0.0.1:5432, database test; override with -Dgpr.test.pg.url) with the
 * project's migrations applied. Tests skip when no PostgreSQL answers.
 */
final class ClusterDatabase {
    static final String SCHEMA = System.getProperty("gpr.test.pg.schema", "gpr_cluster_store_test");

    private ClusterDatabase() {
    }

    static DataSource fresh() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("gpr.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser("postgres");
        ds.setPassword("unused-trust-auth");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL for the cluster store tests: " + e.getMessage());
        }
        ds.setCurrentSchema(SCHEMA);
        Flyway.configure().dataSource(ds).locations("filesystem:" + Path.of("db-migrations").toAbsolutePath())
                .schemas(SCHEMA).createSchemas(true).load().migrate();
        return ds;
    }
}
