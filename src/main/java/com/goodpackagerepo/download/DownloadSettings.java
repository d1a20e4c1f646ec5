package com.goodpackagerepo.download;

import com.goodpackagerepo.cluster.SharedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Download link settings (MicroProfile Config; environment variables override, e.g. GPR_DOWNLOAD_SECRET). Without
 * a configured secret a cluster uses the one secret its first node stored in PostgreSQL ({@link SharedSecrets}), so
 * a link made on one node opens on every node; a single server makes a random one at start (links then last until
 * it restarts, and never longer than an hour anyway).
 */
@ApplicationScoped
public class DownloadSettings {
    private static final Logger LOG = Logger.getLogger(DownloadSettings.class.getName());
    static final long MAX_TTL_SECONDS = 3600;

    @Inject
    @ConfigProperty(name = "gpr.download.secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "gpr.download.ttl.seconds", defaultValue = "300")
    long ttlSeconds;

    @Inject
    SharedSecrets sharedSecrets;

    static final String SHARED_SECRET_NAME = "download-link";

    private volatile DownloadSigner signer;

    public DownloadSigner signer() {
        DownloadSigner current = signer;
        if (current == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = new DownloadSigner(secretBytes());
                }
                current = signer;
            }
        }
        return current;
    }

    /** The default lifetime of a link; at most an hour. */
    public Duration defaultTtl() {
        return Duration.ofSeconds(Math.max(1, Math.min(ttlSeconds, MAX_TTL_SECONDS)));
    }

    public Duration maxTtl() {
        return Duration.ofSeconds(MAX_TTL_SECONDS);
    }

    private byte[] secretBytes() {
        if (secret.isPresent() && !secret.get().isBlank()) {
            byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("gpr.download.secret must have at least 32 bytes");
            }
            return bytes;
        }
        Optional<byte[]> shared = sharedSecrets == null ? Optional.empty() : sharedSecrets.secret(SHARED_SECRET_NAME);
        if (shared.isPresent()) {
            LOG.info("gpr.download.secret is not set: download links are signed with the cluster's shared secret");
            return shared.get();
        }
        LOG.info("gpr.download.secret is not set: download links are signed with a random per-process secret");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
