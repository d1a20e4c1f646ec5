package com.goodpackagerepo.startup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import jakarta.inject.Inject;

/** Applies the versioned SQL migrations of db-migrations/ (shipped as classpath:db/migration). */
@ApplicationScoped
public class DatabaseMigrator {
    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "jdbc/gpr")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "gpr.db.schema")
    Optional<String> schema;

    public void migrate() {
        var config = Flyway.configure(DatabaseMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration")
                .failOnMissingLocations(true)
                .validateMigrationNaming(true);
        schema.filter(s -> !s.isBlank()).ifPresent(s -> config.schemas(s).createSchemas(true));
        MigrateResult result = config.load().migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
