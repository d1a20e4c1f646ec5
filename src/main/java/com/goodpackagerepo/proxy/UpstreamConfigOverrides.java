package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.config.validation.ProxyFetchRequirements;
import com.goodpackagerepo.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private static final Map<String, String[]> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put("base-url", new String[] {"base_url"});
        PATHS.put("timeouts-ms.connect", new String[] {"timeouts_ms", "connect"});
        PATHS.put("timeouts-ms.read", new String[] {"timeouts_ms", "read"});
        PATHS.put("retry.max-attempts", new String[] {"retry", "max_attempts"});
        PATHS.put("retry.backoff-ms", new String[] {"retry", "backoff_ms"});
        PATHS.put("retry.exponential", new String[] {"retry", "exponential"});
        PATHS.put("health-check.endpoint", new String[] {"health_check", "endpoint"});
        PATHS.put("health-check.interval-seconds", new String[] {"health_check", "interval_seconds"});
    }

    private UpstreamConfigOverrides() {
    }

    /** The upstream's schema node with every configured override applied (a copy; the schema is untouched). */
    static JsonNode apply(String name, JsonNode upstream, Config config) {
        return apply(name, upstream, property -> config.getOptionalValue(property, String.class));
    }

    /** As {@link #apply(String, JsonNode, Config)}, reading properties through {@code lookup}. */
    static JsonNode apply(String name, JsonNode upstream, Function<String, Optional<String>> lookup) {
        ObjectNode merged = upstream.isObject() ? ((ObjectNode) upstream).deepCopy() : Json.object();
        PATHS.forEach((key, path) -> lookup.apply("gpr.upstream." + name + "." + key).map(String::trim)
                .filter(v -> !v.isEmpty()).ifPresent(value -> set(merged, path, key, value, name)));
        return merged;
    }

    private static void set(ObjectNode root, String[] path, String key, String value, String name) {
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.has(path[i]) && parent.get(path[i]).isObject()
                    ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
        }
        String field = path[path.length - 1];
        String property = "gpr.upstream." + name + "." + key;
        switch (key) {
            case "base-url" -> parent.put(field, UpstreamSettings.baseUrl(value).toString());
            case "health-check.endpoint" -> parent.put(field, value.startsWith("/") ? value : "/" + value);
            case "retry.exponential" -> parent.put(field, Boolean.parseBoolean(value));
            case "timeouts-ms.connect", "timeouts-ms.read" -> parent.put(field, bounded(property, value, 1,
                    ProxyFetchRequirements.MAX_TIMEOUT_MS));
            case "retry.max-attempts" -> parent.put(field, bounded(property, value, 1, ProxyFetchRequirements.MAX_ATTEMPTS));
            case "retry.backoff-ms" -> parent.put(field, bounded(property, value, 0, ProxyFetchRequirements.MAX_BACKOFF_MS));
            default -> parent.put(field, bounded(property, value, 1, 86_400));
        }
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
