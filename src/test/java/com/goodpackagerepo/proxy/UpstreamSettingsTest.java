package com.goodpackagerepo.proxy;

import com.goodpackagerepo.schema.UpstreamDef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {
    static final JsonNode ORIGIN = Json.parse("""
            {"base_url": "https://registry.example.com/", "auth": {"mode": "bearer_token"},
             "timeouts_ms": {"connect": 2000, "read": 10000}, "retry": {"max_attempts": 3, "backoff_ms": 200}}""");

    @Test
    void readsTheSchemasSettings() {
        UpstreamSettings s = UpstreamSettings.of(UpstreamDef.read("originA", ORIGIN));
        assertEquals(2000, s.connectTimeoutMs());
        assertEquals(10000, s.readTimeoutMs());
        assertEquals(3, s.maxAttempts());
        assertEquals("https://registry.example.com/v1/a/b/1/x/blob", s.resolve("/v1/a/b/1/x/blob").toString());
        assertNull(s.healthEndpoint(), "no health_check: not probed");
    }

    @Test
    void backoffIsConstantOrDoublingAndTheBudgetAddsItUp() {
        UpstreamSettings linear = UpstreamSettings.of(UpstreamDef.read("a", ORIGIN));
        assertEquals(0, linear.backoffBefore(1));
        assertEquals(200, linear.backoffBefore(2));
        assertEquals(200, linear.backoffBefore(3));
        assertEquals(3 * 12000 + 400, linear.timeBudgetMs());
        UpstreamSettings exponential = UpstreamSettings.of(overridden(Map.of("gpr.upstream.a.retry.exponential", "true")));
        assertEquals(200, exponential.backoffBefore(2));
        assertEquals(400, exponential.backoffBefore(3));
    }

    @Test
    void onlyIdempotentMethodsAreRetried() {
        UpstreamSettings s = UpstreamSettings.of(UpstreamDef.read("a", ORIGIN));
        assertTrue(s.retries("GET"));
        assertTrue(s.retries("head"));
        assertFalse(s.retries("POST"));
        assertFalse(s.retries("PATCH"));
    }

    @Test
    void overridesReplaceSchemaValuesWithinTheSchemasBounds() {
        UpstreamSettings s = UpstreamSettings.of(overridden(Map.of(
                "gpr.upstream.a.base-url", "http://127.0.0.1:9089",
                "gpr.upstream.a.timeouts-ms.read", "1500",
                "gpr.upstream.a.retry.max-attempts", "5",
                "gpr.upstream.a.health-check.endpoint", "health",
                "gpr.upstream.a.health-check.interval-seconds", "5")));
        assertEquals("http://127.0.0.1:9089/v1/x", s.resolve("/v1/x").toString());
        assertEquals(1500, s.readTimeoutMs());
        assertEquals(2000, s.connectTimeoutMs(), "not overridden");
        assertEquals(5, s.maxAttempts());
        assertEquals("/health", s.healthEndpoint());
        assertEquals(5, s.healthIntervalSeconds());
        assertEquals("https://registry.example.com/", ORIGIN.path("base_url").asText(), "the schema is untouched");

        assertThrows(IllegalArgumentException.class, () -> overridden(Map.of("gpr.upstream.a.retry.max-attempts", "11")));
        assertThrows(IllegalArgumentException.class, () -> overridden(Map.of("gpr.upstream.a.timeouts-ms.read", "0")));
        assertThrows(IllegalArgumentException.class, () -> overridden(Map.of("gpr.upstream.a.base-url", "ftp://x")));
    }

    private static UpstreamDef overridden(Map<String, String> properties) {
        return UpstreamConfigOverrides.apply(UpstreamDef.read("a", ORIGIN), p -> Optional.ofNullable(properties.get(p)));
    }
}
