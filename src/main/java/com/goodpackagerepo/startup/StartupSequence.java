package com.goodpackagerepo.startup;

import com.goodpackagerepo.auth.BootstrapAdmin;
import com.goodpackagerepo.auth.SigningKeys;
import com.goodpackagerepo.backup.BackupRestorer;
import com.goodpackagerepo.cluster.ClusterSettings;
import com.goodpackagerepo.cluster.ClusterSignals;
import com.goodpackagerepo.cluster.StartupLock;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.SeedSchema;
import com.goodpackagerepo.download.DownloadSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings the application up in order before it accepts requests: the mode check (cluster mode needs
 * PostgreSQL), database migrations, configuration
 * (restored from a backup, or imported from the seed on first start; validated always), the bootstrap admin, the token signing key,
 * the download-link secret.
 * Any failure here stops the application from starting. In a cluster the nodes take these steps one at a time.
 */
@ApplicationScoped
public class StartupSequence {
    @Inject
    DatabaseMigrator migrator;
    @Inject
    ConfigService configService;
    @Inject
    BootstrapAdmin bootstrapAdmin;
    @Inject
    SigningKeys signingKeys;
    @Inject
    BackupRestorer restorer;
    @Inject
    ClusterSettings cluster;
    @Inject
    StartupLock startupLock;
    @Inject
    ClusterSignals clusterSignals;
    @Inject
    DownloadSettings downloadSettings;

    @Inject
    @ConfigProperty(name = "gpr.seed.schema")
    Optional<String> seedSchemaPath;

    void onStart(@Observes Startup startup) {
        cluster.requireRunnable(); // before anything opens a store: cluster mode without PostgreSQL stops here
        // in a cluster, one node at a time: the first imports the seed, creates the admin and the key, the rest load them
        startupLock.run(() -> {
            migrator.migrate();
            restorer.restoreIfRequested();
            configService.initialize(SeedSchema.of(seedSchemaPath.orElse(null)));
            bootstrapAdmin.ensure();
            signingKeys.ensureActiveKey();
            downloadSettings.signer(); // a cluster's shared link secret: created by the first node, read by the rest
        });
        clusterSignals.start();
    }
}
