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
}
