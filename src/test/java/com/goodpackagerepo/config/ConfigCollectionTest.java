package com.goodpackagerepo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.TestContexts;
import org.junit.jupiter.api.Test;

class ConfigCollectionTest {
    private final ObjectNode schema = (ObjectNode) TestContexts.seedSchema();

    @Test
    void routesAreFoundByIdReplacedInPlaceAndAppended() {
        JsonNode latest = ConfigCollection.ROUTES.get(schema, "resolve_latest").orElseThrow();
        ObjectNode changed = latest.deepCopy();
        changed.putArray("tags").add("changed");
        ConfigCollection.ROUTES.put(schema, "resolve_latest", changed);
        assertEquals("changed", schema.path("api").path("routes").get(3).path("tags").get(0).asText(), "same position");
        ConfigCollection.ROUTES.put(schema, "new_route", Json.parse("{\"id\":\"new_route\"}"));
        assertEquals("new_route", schema.path("api").path("routes").get(5).path("id").asText());
        assertTrue(ConfigCollection.ROUTES.remove(schema, "new_route"));
        assertFalse(ConfigCollection.ROUTES.remove(schema, "new_route"));
        assertEquals(5, schema.path("api").path("routes").size());
    }

    @Test
    void namedItemsLiveUnderTheirObject() {
        assertTrue(ConfigCollection.BLOB_STORES.get(schema, "primary").isPresent());
        assertTrue(ConfigCollection.UPSTREAMS.get(schema, "originA").isPresent());
        ConfigCollection.UPSTREAMS.put(schema, "originB", Json.parse("{\"base_url\":\"https://b.example\"}"));
        assertEquals("https://b.example", schema.path("upstreams").path("originB").path("base_url").asText());
        assertTrue(ConfigCollection.UPSTREAMS.remove(schema, "originB"));
    }

    @Test
    void entityVersioningIsNotAnEntity() {
        assertTrue(ConfigCollection.ENTITIES.get(schema, "artifact").isPresent());
        assertTrue(ConfigCollection.ENTITIES.get(schema, "versioning").isEmpty());
        assertFalse(ConfigCollection.ENTITIES.remove(schema, "versioning"));
        assertTrue(schema.path("entities").has("versioning"));
    }
}
