package com.goodpackagerepo.proxy;

import com.goodpackagerepo.schema.UpstreamDef;
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
public record UpstreamSettings(String name, URI baseUrl, UpstreamDef.Auth auth, int connectTimeoutMs, int readTimeoutMs,
                               int maxAttempts, long backoffMs, boolean exponential, String healthEndpoint,
                               int healthIntervalSeconds) {

    /** RFC 9110 idempotent methods: only these are retried. */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    /** The settings of an upstream as the model declares it (overrides applied); 400-worthy base URLs are refused. */
    public static UpstreamSettings of(UpstreamDef def) {
        UpstreamDef.HealthCheck health = def.healthCheck();
        boolean healthOn = health != null && health.enabled() && !health.endpoint().isEmpty();
        return new UpstreamSettings(def.name(), baseUrl(def.baseUrl()), def.auth(), def.connectTimeoutMs(),
                def.readTimeoutMs(), Math.max(1, def.maxAttempts()), def.backoffMs(), def.exponential(),
                healthOn ? health.endpoint() : null,
                Math.max(1, health == null ? UpstreamDef.HealthCheck.EMPTY.intervalSeconds() : health.intervalSeconds()));
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
