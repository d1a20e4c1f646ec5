package com.goodpackagerepo.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.cluster.SharedSecrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which secret signs download links: the configured one, else (cluster) the one shared through the database, else
 * (single server) a random one of this process. The database is stood in for by one {@link SharedSecrets} whose
 * secret every "node" reads; {@code SharedSecrets} itself runs against PostgreSQL in {@code DownloadLinkClusterIT}.
 */
class SharedDownloadSecretTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static SharedSecrets database(byte[] secret) {
        return new SharedSecrets() {
            @Override
            public Optional<byte[]> secret(String name) {
                assertEquals(DownloadSettings.SHARED_SECRET_NAME, name);
                return Optional.ofNullable(secret);
            }
        };
    }

    private static DownloadSettings node(Optional<String> configured, SharedSecrets shared) {
        DownloadSettings settings = new DownloadSettings();
        settings.secret = configured;
        settings.sharedSecrets = shared;
        return settings;
    }

    private static DownloadSigner.Verdict signOnOneVerifyOnOther(DownloadSettings one, DownloadSettings other) {
        DownloadLink link = one.signer().sign(DIGEST, "app.tar.gz", NOW, Duration.ofMinutes(5));
        return other.signer().verify(link.digest(), link.fileName(), Long.toString(link.expiresEpochSecond()), link.signature(), NOW);
    }

    @Test
    void clusterNodesWithoutAConfiguredSecretShareTheDatabasesSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SharedSecrets db = database(secret);
        assertEquals(DownloadSigner.Verdict.VALID, signOnOneVerifyOnOther(node(Optional.empty(), db), node(Optional.empty(), db)));
    }

    @Test
    void singleServersWithoutASecretEachHaveTheirOwn() {
        SharedSecrets none = database(null);
        assertEquals(DownloadSigner.Verdict.BAD_SIGNATURE,
                signOnOneVerifyOnOther(node(Optional.empty(), none), node(Optional.empty(), none)));
    }

    @Test
    void aConfiguredSecretWinsOverTheSharedOne() {
        String configured = "a-configured-secret-of-at-least-32-bytes";
        DownloadSettings withConfigured = node(Optional.of(configured), database(new byte[32]));
        DownloadSettings sameConfigured = node(Optional.of(configured), database(null));
        assertEquals(DownloadSigner.Verdict.VALID, signOnOneVerifyOnOther(withConfigured, sameConfigured));
        assertEquals(DownloadSigner.Verdict.BAD_SIGNATURE,
                signOnOneVerifyOnOther(withConfigured, node(Optional.empty(), database(new byte[32]))));
        assertThrows(IllegalStateException.class, () -> node(Optional.of("short"), database(null)).signer());
    }
}
