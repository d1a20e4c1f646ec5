package com.goodpackagerepo.upload;

import com.goodpackagerepo.storage.engines.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resumable-upload settings (MicroProfile Config; env e.g. GPR_UPLOADS_TTL_SECONDS). Sessions live in
 * {@code gpr.uploads.dir}, by default {@code uploads/} in the data directory, which must be on the same disk as
 * the blob store only for speed, not for correctness (the publish copies through the store's own staging).
 */
@ApplicationScoped
public class UploadSettings {
    @Inject
    @ConfigProperty(name = "gpr.uploads.ttl-seconds", defaultValue = "86400")
    long ttlSeconds;

    @Inject
    @ConfigProperty(name = "gpr.uploads.max-sessions-per-user", defaultValue = "10")
    int maxSessionsPerUser;

    @Inject
    @ConfigProperty(name = "gpr.uploads.max-staged-bytes-per-user", defaultValue = "21474836480")
    long maxStagedBytesPerUser;

    @Inject
    @ConfigProperty(name = "gpr.uploads.sweep-interval-seconds", defaultValue = "60")
    long sweepIntervalSeconds;

    @Inject
    @ConfigProperty(name = "gpr.uploads.dir")
    Optional<String> dir;

    @Inject
    StorageSettings storage;

    public UploadLimits limits() {
        return new UploadLimits(Duration.ofSeconds(ttlSeconds), maxSessionsPerUser, maxStagedBytesPerUser);
    }

    public Duration sweepInterval() {
        return Duration.ofSeconds(Math.max(1, sweepIntervalSeconds));
    }

    public Path dir() {
        return dir.filter(d -> !d.isBlank()).map(Path::of).orElseGet(() -> storage.dataDir().resolve("uploads"));
    }
}
