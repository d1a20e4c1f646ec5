package com.goodpackagerepo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.config.validation.ConfigValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A stored schema with the original apply pipelines is upgraded to the seed's, and then validates. */
class ReplicationUpgradeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOriginalReplicationSectionIsReplacedAndTheResultValidates() throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Path.of("seed/schema.json")));
        ObjectNode original = seed.deepCopy();
        // what the first release shipped: cas_put of the whole payload, no declared payloads for two event types
        ObjectNode step = (ObjectNode) original.at("/replication/apply_pipelines/apply_artifact_published/1");
        step.put("op", "kv.cas_put");
        ((ObjectNode) step.get("args")).put("value", "{event.payload}").put("if_absent", true);
        ((ObjectNode) original.at("/events/types/1")).set("schema", JSON.readTree("{\"type\":\"object\"}"));
        ((ObjectNode) original.at("/replication/replay/apply_pipelines")).remove("artifact.cached");
        assertFalse(new ConfigValidator().validate(original).isValid());

        assertTrue(ReplicationUpgrade.upgrade(original, seed));

        assertTrue(new ConfigValidator().validate(original).isValid(), new ConfigValidator().validate(original)::summary);
        assertEquals(seed.get("replication"), original.get("replication"));
    }

    @Test
    void aSchemaWithoutTheDeletionRemovalAndEvictionEventsGetsThemWithTheirPipelinesAndTheTombstone() throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Path.of("seed/schema.json")));
        ObjectNode older = seed.deepCopy();
        // what the release before declared deletion, tag removal and eviction had
        var types = (com.fasterxml.jackson.databind.node.ArrayNode) older.at("/events/types");
        for (int i = types.size() - 1; i >= 0; i--) {
            if (java.util.Set.of("artifact.deleted", "tag.removed", "artifact.evicted")
                    .contains(types.get(i).path("name").asText())) {
                types.remove(i);
            }
        }
        ((ObjectNode) older.at("/replication/replay/apply_pipelines"))
                .remove(java.util.List.of("artifact.deleted", "tag.removed", "artifact.evicted"));
        ((ObjectNode) older.at("/replication/apply_pipelines"))
                .remove(java.util.List.of("apply_artifact_deleted", "apply_tag_removed", "apply_artifact_evicted"));
        ((ObjectNode) older.at("/storage/documents")).remove("artifact_tombstone");
        ((ObjectNode) older.at("/storage/schemas")).remove("TombstoneV1");
        assertTrue(new ConfigValidator().validate(older).isValid(), "the older schema was valid as it was");

        assertTrue(ReplicationUpgrade.upgrade(older, seed));

        assertTrue(new ConfigValidator().validate(older).isValid(), new ConfigValidator().validate(older)::summary);
        assertEquals(seed.get("replication"), older.get("replication"));
        assertEquals(seed.at("/events/types"), older.at("/events/types"));
        assertEquals(seed.at("/storage/documents/artifact_tombstone"), older.at("/storage/documents/artifact_tombstone"));
        assertEquals(seed.at("/storage/schemas/TombstoneV1"), older.at("/storage/schemas/TombstoneV1"));
        assertFalse(ReplicationUpgrade.upgrade(older, seed), "a second start changes nothing");
    }

    @Test
    void anEventTypeTheAdministratorMappedDifferentlyIsLeftAlone() throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Path.of("seed/schema.json")));
        ObjectNode stored = seed.deepCopy();
        var types = (com.fasterxml.jackson.databind.node.ArrayNode) stored.at("/events/types");
        types.remove(types.size() - 1); // artifact.evicted, but its mapping stays (to the administrator's pipeline)
        ((ObjectNode) stored.at("/replication/replay/apply_pipelines")).put("artifact.evicted", "apply_tag_removed");
        ObjectNode before = stored.deepCopy();

        assertFalse(ReplicationUpgrade.upgrade(stored, seed));
        assertEquals(before, stored);
    }

    @Test
    void aSchemaAlreadyUpToDateOrChangedByAnAdministratorIsLeftAlone() throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Path.of("seed/schema.json")));
        ObjectNode current = seed.deepCopy();
        assertFalse(ReplicationUpgrade.upgrade(current, seed));
        assertEquals(seed, current);
    }
}
