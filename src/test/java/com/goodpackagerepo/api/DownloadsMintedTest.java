package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.goodpackagerepo.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadsMintedTest {

    @Test
    void theMintAnswerKeepsItsWireNames() {
        JsonNode out = Json.parse(JsonBodies.text(new DownloadsResource.Minted(true, "/downloads/sha256:ab?sig=x",
                "sha256:ab", LongNode.valueOf(4096), "app-1.0.0", "2026-12-03T20:00:00Z")));
        assertEquals(List.of("ok", "url", "digest", "size", "file_name", "expires_at"),
                List.copyOf(iterable(out.fieldNames())));
        assertEquals(true, out.path("ok").asBoolean());
        assertEquals(4096, out.path("size").asLong());
        assertEquals("app-1.0.0", out.path("file_name").asText());
        assertEquals("2026-12-03T20:00:00Z", out.path("expires_at").asText());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
