package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * One upstream as calls use it: {@code upstreams.<name>} of the schema with the deployment's overrides
 * (see {@link UpstreamConfigOverrides}) applied. Immutable; rebuilt on every configuration change, so a call
 * always runs with one consistent set of bounds.
 *
 * @param healthEndpoint path probed by the health monitor, or null when health checks are off
 */
public record UpstreamSettings(String name, URI baseUrl, JsonNode auth, int connectTimeoutMs, int readTimeoutMs,
                               int maxAttempts, long backoffMs, boolean exponential, String healthEndpoint,
                               int healthIntervalSeconds) {

    /** RFC 9110 idempotent methods: only these are retried. */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    /** Reads the schema's settings; absent values get the defaults of the upstream template. */
    public static UpstreamSettings of(String name, JsonNode node) {
        JsonNode health = node.path("health_check");
        boolean healthOn = health.isObject() && health.path("enabled").asBoolean(true)
                && !health.path("endpoint").asText("").isEmpty();
        return new UpstreamSettings(name, baseUrl(node.path("base_url").asText("")), node.path("auth"),
                node.path("timeouts_ms").path("connect").asInt(2000), node.path("timeouts_ms").path("read").asInt(10000),
                Math.max(1, node.path("retry").path("max_attempts").asInt(1)), node.path("retry").path("backoff_ms").asLong(0),
                node.path("retry").path("exponential").asBoolean(false),
                healthOn ? health.path("endpoint").asText() : null, Math.max(1, health.path("interval_seconds").asInt(60)));
    }

    /** The absolute URI of a path on this upstream ({@code path} starts with "/"). */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The pause before attempt {@code attempt} (2, 3, …): {@code backoff_ms}, doubled per retry when exponential. */
    public long backoffBefore(int attempt) {
        if (attempt <= 1 || backoffMs <= 0) {
            return 0;
        }
        return exponential ? backoffMs << Math.min(attempt - 2, 20) : backoffMs;
    }

    /** Worst case of one call: every attempt waits its connect and read timeout, plus every backoff. */
    public long timeBudgetMs() {
        long total = (long) maxAttempts * (connectTimeoutMs + readTimeoutMs);
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            total += backoffBefore(attempt);
        }
        return total;
    }

    public boolean retries(String method) {
        return IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT));
    }

    static URI baseUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base_url is not a URL: " + text);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("base_url must be an absolute http(s) URL: " + text);
        }
        return uri;
    }
}
