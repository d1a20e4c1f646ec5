package com.goodpackagerepo.health;

import com.goodpackagerepo.storage.engines.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the data directory's file system has at least {@code gpr.health.min-free-bytes} free. */
@Readiness
@ApplicationScoped
public class DiskSpaceReadinessCheck implements HealthCheck {
    @Inject
    StorageSettings storage;

    @Inject
    @ConfigProperty(name = "gpr.health.min-free-bytes", defaultValue = "104857600")
    long minFreeBytes;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("disk-space");
        try {
            Path dir = storage.dataDir();
            Files.createDirectories(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            return response.status(free >= minFreeBytes).withData("free_bytes", free)
                    .withData("min_free_bytes", minFreeBytes).build();
        } catch (IOException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
