package com.goodpackagerepo.config.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config import: the schema split into table rows assembles back to the same document, key order included. */
class SchemaRowsTest {

    @Test
    void shippedSchemaRoundTripsThroughTheTables() throws Exception {
        JsonNode seed = Json.MAPPER.readTree(Files.readAllBytes(Path.of("seed/schema.json")));
        SchemaRows rows = SchemaRows.split(seed);
        assertEquals(1, rows.entities().size());
        assertEquals(1, rows.blobStores().size());
        assertEquals(1, rows.upstreams().size());
        assertEquals(3, rows.features().size());
        assertEquals(5, rows.routes().size());
        assertEquals("publish_artifact_blob", rows.routes().get(0).getRouteId());
        SchemaRows reloaded = new SchemaRows(rows.sections(), rows.entities(), rows.blobStores(), rows.upstreams(),
                rows.features(), rows.routes());
        JsonNode assembled = reloaded.assemble();
        assertEquals(seed, assembled);
        assertEquals(keys(seed), keys(assembled));
        assertEquals(seed.toString(), assembled.toString(), "same key order everywhere");
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
