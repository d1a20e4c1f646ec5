package com.goodpackagerepo.api.management;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Liberty's own endpoints answer (server.xml hands its resolved {@code gpr.management.*} variables to the
 * application as properties) and the optional static scrape token {@code gpr.metrics.token} (env
 * {@code GPR_METRICS_TOKEN}), for a Prometheus configured from a secret before any user exists.
 */
@ApplicationScoped
public class ManagementSettings {
    /** Shorter static tokens are ignored: a scrape credential must not be guessable. */
    static final int MIN_TOKEN_LENGTH = 32;

    @Inject
    @ConfigProperty(name = "gpr.management.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "gpr.management.port", defaultValue = "9085")
    int port;

    @Inject
    @ConfigProperty(name = "gpr.metrics.token")
    Optional<String> metricsToken;

    /** The management endpoint's base URL; a wildcard host is reached on loopback. */
    public String baseUrl() {
        String h = host == null || host.isBlank() || host.equals("*") || host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    /** Whether {@code presented} is the configured static scrape token (compared in constant time). */
    public boolean isMetricsToken(String presented) {
        Optional<String> configured = metricsToken.map(String::trim).filter(t -> t.length() >= MIN_TOKEN_LENGTH);
        if (configured.isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(configured.get()), sha256(presented.trim()));
    }

    /** Whether a static token is set but too short to be used (logged at start-up). */
    public boolean metricsTokenTooShort() {
        return metricsToken.map(String::trim).filter(t -> !t.isEmpty() && t.length() < MIN_TOKEN_LENGTH).isPresent();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
