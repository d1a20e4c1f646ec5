package com.goodpackagerepo.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.config.InvalidConfigException;
import com.goodpackagerepo.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MavenSettingsTest {
    private static ObjectNode shipped() throws Exception {
        return (ObjectNode) Json.parse(Files.readAllBytes(Path.of("seed/schema.json")));
    }

    @Test
    void readsTheShippedSection() throws Exception {
        MavenSettings.Section section = MavenSettings.read(shipped());
        MavenRepository releases = section.repository("releases").orElseThrow();
        assertFalse(releases.snapshots());
        assertFalse(releases.redeploy());
        MavenRepository snapshots = section.repository("snapshots").orElseThrow();
        assertTrue(snapshots.snapshots());
        assertEquals(10, snapshots.keepSnapshotBuilds());
        assertEquals("publish_artifact_blob", section.publishRoute());
    }

    @Test
    void defaultsWithoutTheSection() throws Exception {
        ObjectNode schema = shipped();
        schema.remove("maven");
        assertEquals(2, MavenSettings.read(schema).repositories().size());
    }

    @Test
    void refusesBadSections() throws Exception {
        assertRefused("{\"repositories\":{\"Bad Name\":{}}}", "maven.repositories.Bad Name");
        assertRefused("{\"repositories\":{\"r\":{\"policy\":\"nightly\"}}}", "maven.repositories.r.policy");
        assertRefused("{\"repositories\":{\"r\":{\"upstream\":\"nowhere\"}}}", "maven.repositories.r.upstream");
        assertRefused("{\"repositories\":{\"r\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":-1}}}",
                "maven.repositories.r.keep_snapshot_builds");
        assertRefused("{\"repositories\":{\"r\":{\"keep_snapshot_builds\":3}}}", "maven.repositories.r.keep_snapshot_builds");
        assertRefused("{\"publish_route\":\"resolve_latest\"}", "maven.publish_route");
        assertRefused("{\"fetch_route\":\"nope\"}", "maven.fetch_route");
    }

    private static void assertRefused(String section, String path) throws Exception {
        ObjectNode schema = shipped();
        JsonNode maven = Json.parse(section);
        schema.set("maven", maven);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MavenSettings.read(schema));
        assertTrue(e.getMessage().contains("val.maven at " + path + ":"), e.getMessage());
    }
}
