package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthIT {

    @Test
    void healthEndpointsAreUp() {
        for (String path : new String[] {"/health", "/health/live", "/health/ready", "/health/started"}) {
            Http.Reply r = Http.get(path, null);
            assertEquals(200, r.status(), path + " " + r.body());
            assertEquals("UP", r.json().path("status").asText());
        }
    }

    @Test
    void readinessChecksDatabaseDiskAndMetadataStore() {
        String body = Http.get("/health/ready", Http.SCRAPE).body();
        assertTrue(body.contains("\"database\""), body);
        assertTrue(body.contains("\"disk-space\""), body);
        assertTrue(body.contains("\"metadata-store\""), body);
    }

    @Test
    void healthAnswersOnlyGetAndHeadEverythingElseIs405Json() {
        for (String path : new String[] {"/health", "/health/live", "/health/ready", "/health/started", "/metrics"}) {
            for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
                Http.Reply r = Http.send(Http.request(path, null)
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
                assertEquals(405, r.status(), method + " " + path + ": " + r.body());
                assertEquals("METHOD_NOT_ALLOWED", r.json().path("error").path("code").asText(), method + " " + path);
                assertTrue(!r.json().path("error").path("request_id").asText().isEmpty(), method + " " + path);
                assertEquals("GET, HEAD", r.headers().get("allow").get(0), method + " " + path);
            }
            assertEquals(200, Http.head(path.equals("/metrics") ? "/health" : path, null).status(), "HEAD " + path);
        }
    }
}
