package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaAndConfigIT {

    @Test
    void schemaIsTheImportedSeed() throws IOException {
        Http.Reply r = Http.get("/schema", Http.admin());
        assertEquals(200, r.status());
        // the seed this server was started with: seed/schema.json, or -Ppostgres's copy whose blob store is S3
        JsonNode seed = Http.MAPPER.readTree(Path.of(System.getProperty("it.seed.schema", "seed/schema.json")).toFile());
        assertEquals(seed, r.json(), "GET /schema must give back the imported seed schema");
        assertEquals(401, Http.get("/schema", null).status());
    }

    @Test
    void adminConfigHasTheShapeTheWebUiReads() {
        Http.Reply r = Http.get("/admin/config", Http.admin());
        assertEquals(200, r.status());
        JsonNode config = r.json().path("config");
        assertTrue(r.json().path("ok").asBoolean());
        assertEquals("1.0", config.path("schema_version").asText());
        assertEquals("acme.declarative_repo_type", config.path("type_id").asText());
        assertTrue(config.path("capabilities").path("protocols").isArray());
        JsonNode artifact = config.path("entities").get(0);
        assertEquals("artifact", artifact.path("name").asText());
        assertTrue(artifact.path("fields").get(0).has("normalizations"));
        assertEquals("primary", config.path("blob_stores").get(0).path("name").asText());
        assertEquals("content_addressed", config.path("blob_stores").get(0).path("addressing_mode").asText());
        assertEquals("meta", config.path("kv_stores").get(0).path("name").asText());
        assertEquals(5, config.path("api_routes").size());
        assertEquals("publish_artifact_blob", config.path("api_routes").get(0).path("route_id").asText());
        assertTrue(config.path("api_routes").get(0).path("pipeline").isArray());
        assertEquals(3, config.path("auth_scopes").size());
        assertTrue(config.path("auth_policies").get(0).has("conditions"));
        assertTrue(config.path("caching").path("response_cache_enabled").asBoolean());
        assertFalse(config.path("features").path("allow_overwrite_artifacts").asBoolean());
        assertTrue(config.path("features").has("gc_enabled"));
    }

    @Test
    void invariantsAreReportedAndTheShippedLatestMonotonicFails() {
        JsonNode invariants = Http.get("/admin/config", Http.admin()).json().path("config").path("invariants");
        boolean sawMonotonic = false;
        for (JsonNode inv : invariants) {
            if (inv.path("id").asText().equals("inv.latest_monotonic")) {
                sawMonotonic = true;
                assertFalse(inv.path("holds").asBoolean());
            } else {
                assertTrue(inv.path("holds").asBoolean(), inv.toString());
            }
        }
        assertTrue(sawMonotonic);
    }

    @Test
    void adminListsAnswer() {
        String admin = Http.admin();
        assertEquals(5, Http.get("/admin/routes", admin).json().path("routes").size());
        assertEquals(1, Http.get("/admin/entities", admin).json().path("entities").size());
        assertEquals(1, Http.get("/admin/blob-stores", admin).json().path("blob_stores").size());
        assertEquals(3, Http.get("/admin/auth/scopes", admin).json().path("scopes").size());
        assertTrue(Http.get("/admin/features", admin).json().path("features").path("mutable_tags").asBoolean());
    }
}
