package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * /metrics, /openapi and health details are not for anonymous callers on the public port: anonymous gets 401 with
 * the JSON error body (health: only UP/DOWN), a credential with the metrics scope, an admin or the static scrape token
 * gets everything, and other credentials 403. Liberty's own endpoints are only on the management port.
 */
class OperationalEndpointsIT {

    @Test
    void anonymousCallersGetNoMetricsNoOpenApiAndOnlyTheHealthStatus() {
        for (String path : new String[] {"/metrics", "/metrics?scope=application", "/openapi", "/openapi/ui/"}) {
            Http.Reply r = Http.get(path, null);
            assertEquals(401, r.status(), path + " " + r.body());
            assertEquals("UNAUTHORIZED", r.errorCode(), path);
            assertNotNull(r.json().path("error").path("request_id").asText(null), path + ": request id in the body");
            assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), path);
            assertFalse(r.body().contains("gpr_"), path + " leaks nothing");
        }
        for (String path : new String[] {"/health", "/health/live", "/health/ready", "/health/started"}) {
            Http.Reply r = Http.get(path, null);
            assertEquals(200, r.status(), path);
            JsonNode body = r.json();
            assertEquals("UP", body.path("status").asText(), path);
            assertEquals(1, body.size(), path + " anonymous: the status and nothing else: " + r.body());
        }
    }

    @Test
    void theScrapeTokenAndTheMetricsScopeSeeEverything() {
        String scraper = Users.token("scraper", "metrics");
        for (String credential : new String[] {Http.SCRAPE, scraper, Http.admin()}) {
            Http.Reply metrics = Http.get("/metrics", credential);
            assertEquals(200, metrics.status(), metrics.body());
            assertTrue(metrics.header("Content-Type").startsWith("text/plain"), metrics.header("Content-Type"));
            assertTrue(metrics.body().contains("# HELP gpr_ready"), "application metrics");
            assertTrue(metrics.body().contains("jvm_"), "base metrics");
            String ready = Http.get("/health/ready", credential).body();
            assertTrue(ready.contains("\"disk-space\"") && ready.contains("free_bytes"), "details: " + ready);
            assertEquals(200, Http.send(Http.request("/openapi", credential).header("Accept", "application/json").GET()
                    .build()).status());
        }
    }

    @Test
    void otherCredentialsAreForbiddenAndBadTokensRefused() {
        String reader = Users.token("reader-no-metrics", "read", "write");
        Http.Reply metrics = Http.get("/metrics", reader);
        assertEquals(403, metrics.status(), metrics.body());
        assertEquals("FORBIDDEN", metrics.errorCode());
        Http.Reply health = Http.get("/health/ready", reader);
        assertEquals(200, health.status());
        assertEquals(1, health.json().size(), "no details without the metrics scope: " + health.body());

        assertEquals(401, Http.get("/metrics", Http.SCRAPE + "x").status(), "almost the scrape token");
        Http.Reply forged = Http.get("/health/ready", "not-a-token");
        assertEquals(401, forged.status(), "an invalid token is refused, even for the status");
        assertEquals("UNAUTHORIZED", forged.errorCode());
        assertEquals(405, Http.send(Http.request("/metrics", Http.SCRAPE)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).status());
    }

    @Test
    void behindAnIngressTheHostHeaderNamesAnotherHostAndPort() throws Exception {
        java.net.URI base = java.net.URI.create(Http.BASE);
        for (String host : new String[] {"repo.example.com", "repo.example.com:443"}) {
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET /health/ready HTTP/1.1\r\nHost: " + host
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                assertEquals("HTTP/1.1 200 OK", status, "Host: " + host);
            }
        }
    }
}
