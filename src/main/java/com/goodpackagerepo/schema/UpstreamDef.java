package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of {@code upstreams}, as declared (the proxy applies the deployment's overrides on top and checks the URL).
 *
 * @param baseUrl     {@code base_url}, "" when not declared
 * @param maxAttempts {@code retry.max_attempts} (default 1)
 * @param backoffMs   {@code retry.backoff_ms} (default 0)
 * @param healthCheck {@code health_check}, null when it is not declared as an object
 */
public record UpstreamDef(String name, String baseUrl, Auth auth, int connectTimeoutMs, int readTimeoutMs,
                          int maxAttempts, long backoffMs, boolean exponential, HealthCheck healthCheck) {

    /**
     * {@code auth}: the mode and where its secret is (environment variable names; secrets are never in the schema).
     *
     * @param mode "none" (the default), "basic", "bearer_token" or "api_key"
     */
    public record Auth(String mode, String username, String passwordEnv, String tokenEnv, String keyEnv,
                       String header) {

        /** Reads {@code auth}; absent names take their defaults (UPSTREAM_TOKEN, UPSTREAM_PASSWORD, …). */
        public static Auth read(JsonNode auth) {
            return new Auth(auth.path("mode").asText("none"), auth.path("username").asText(),
                    auth.path("password_env").asText("UPSTREAM_PASSWORD"), auth.path("token_env").asText("UPSTREAM_TOKEN"),
                    auth.path("key_env").asText("UPSTREAM_API_KEY"), auth.path("header").asText("X-API-Key"));
        }
    }

    /**
     * {@code health_check}.
     *
     * @param enabled         {@code enabled} (default true)
     * @param endpoint        {@code endpoint}, "" when not declared (then nothing is probed)
     * @param intervalSeconds {@code interval_seconds} (default 60)
     */
    public record HealthCheck(boolean enabled, String endpoint, int intervalSeconds) {
        /** A {@code health_check} object with nothing declared. */
        public static final HealthCheck EMPTY = new HealthCheck(true, "", 60);
    }

    /** Reads upstream {@code name}; anything missing takes its default. */
    public static UpstreamDef read(String name, JsonNode node) {
        JsonNode health = node.path("health_check");
        return new UpstreamDef(name, node.path("base_url").asText(""), Auth.read(node.path("auth")),
                node.path("timeouts_ms").path("connect").asInt(2000), node.path("timeouts_ms").path("read").asInt(10000),
                node.path("retry").path("max_attempts").asInt(1), node.path("retry").path("backoff_ms").asLong(0),
                node.path("retry").path("exponential").asBoolean(false),
                !health.isObject() ? null : new HealthCheck(health.path("enabled").asBoolean(true),
                        health.path("endpoint").asText(""), health.path("interval_seconds").asInt(60)));
    }
}
