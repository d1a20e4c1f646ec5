package com.goodpackagerepo.proxy;

import com.goodpackagerepo.config.validation.ProxyFetchRequirements;
import com.goodpackagerepo.schema.UpstreamDef;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Per-deployment overrides of an upstream's settings from MicroProfile Config, so an operator (or a test
 * server) can point {@code originA} somewhere else without changing the stored schema:
 * {@code gpr.upstream.<name>.base-url} (env {@code GPR_UPSTREAM_ORIGINA_BASE_URL}), {@code .timeouts-ms.connect},
 * {@code .timeouts-ms.read}, {@code .retry.max-attempts}, {@code .retry.backoff-ms}, {@code .retry.exponential},
 * {@code .health-check.endpoint}, {@code .health-check.interval-seconds}. Values are checked against the same
 * bounds as the schema's {@code val_no_unbounded_proxy}; a bad value refuses the configuration at load time.
 * Secrets are never configured here: they stay in the environment variables the upstream's auth names.
 */
final class UpstreamConfigOverrides {
    /** The overridable settings, as property suffixes ({@code gpr.upstream.<name>.<key>}). */
    private static final List<String> KEYS = List.of("base-url", "timeouts-ms.connect", "timeouts-ms.read",
            "retry.max-attempts", "retry.backoff-ms", "retry.exponential", "health-check.endpoint",
            "health-check.interval-seconds");

    private UpstreamConfigOverrides() {
    }

    /** The upstream with every configured override applied (a new value; the schema model is untouched). */
    static UpstreamDef apply(UpstreamDef upstream, Config config) {
        return apply(upstream, property -> config.getOptionalValue(property, String.class));
    }

    /** As {@link #apply(UpstreamDef, Config)}, reading properties through {@code lookup}. */
    static UpstreamDef apply(UpstreamDef upstream, Function<String, Optional<String>> lookup) {
        UpstreamDef merged = upstream;
        for (String key : KEYS) {
            String property = "gpr.upstream." + upstream.name() + "." + key;
            Optional<String> value = lookup.apply(property).map(String::trim).filter(v -> !v.isEmpty());
            if (value.isPresent()) {
                merged = set(merged, key, property, value.get());
            }
        }
        return merged;
    }

    private static UpstreamDef set(UpstreamDef u, String key, String property, String value) {
        // an override of the health check declares one, as a health_check object in the schema would
        UpstreamDef.HealthCheck health = u.healthCheck() == null ? UpstreamDef.HealthCheck.EMPTY : u.healthCheck();
        return switch (key) {
            case "base-url" -> new UpstreamDef(u.name(), UpstreamSettings.baseUrl(value).toString(), u.auth(),
                    u.connectTimeoutMs(), u.readTimeoutMs(), u.maxAttempts(), u.backoffMs(), u.exponential(),
                    u.healthCheck());
            case "timeouts-ms.connect" -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(),
                    (int) bounded(property, value, 1, ProxyFetchRequirements.MAX_TIMEOUT_MS), u.readTimeoutMs(),
                    u.maxAttempts(), u.backoffMs(), u.exponential(), u.healthCheck());
            case "timeouts-ms.read" -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(), u.connectTimeoutMs(),
                    (int) bounded(property, value, 1, ProxyFetchRequirements.MAX_TIMEOUT_MS), u.maxAttempts(),
                    u.backoffMs(), u.exponential(), u.healthCheck());
            case "retry.max-attempts" -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(), u.connectTimeoutMs(),
                    u.readTimeoutMs(), (int) bounded(property, value, 1, ProxyFetchRequirements.MAX_ATTEMPTS),
                    u.backoffMs(), u.exponential(), u.healthCheck());
            case "retry.backoff-ms" -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(), u.connectTimeoutMs(),
                    u.readTimeoutMs(), u.maxAttempts(), bounded(property, value, 0, ProxyFetchRequirements.MAX_BACKOFF_MS),
                    u.exponential(), u.healthCheck());
            case "retry.exponential" -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(), u.connectTimeoutMs(),
                    u.readTimeoutMs(), u.maxAttempts(), u.backoffMs(), Boolean.parseBoolean(value), u.healthCheck());
            case "health-check.endpoint" -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(), u.connectTimeoutMs(),
                    u.readTimeoutMs(), u.maxAttempts(), u.backoffMs(), u.exponential(), new UpstreamDef.HealthCheck(
                    health.enabled(), value.startsWith("/") ? value : "/" + value, health.intervalSeconds()));
            default -> new UpstreamDef(u.name(), u.baseUrl(), u.auth(), u.connectTimeoutMs(), u.readTimeoutMs(),
                    u.maxAttempts(), u.backoffMs(), u.exponential(), new UpstreamDef.HealthCheck(health.enabled(),
                    health.endpoint(), (int) bounded(property, value, 1, 86_400)));
        };
    }

    private static long bounded(String property, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be an integer, was " + value);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(property + " must be in " + min + ".." + max + ", was " + value);
        }
        return parsed;
    }
}
