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
    void aSchemaAlreadyUpToDateOrChangedByAnAdministratorIsLeftAlone() throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Path.of("seed/schema.json")));
        ObjectNode current = seed.deepCopy();
        assertFalse(ReplicationUpgrade.upgrade(current, seed));
        assertEquals(seed, current);
    }
}
