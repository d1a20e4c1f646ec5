package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings a stored schema written before apply pipelines were validated (the original shipped
 * {@code replication} section, whose pipelines wrote {@code "{event.payload}"} with {@code kv.cas_put}) up to the
 * seed's: its {@code replication.replay}, {@code replication.apply_pipelines} and the payload declarations of the
 * event types the seed declares. Anything an administrator changed in those pipelines is left alone (and then
 * refused with the validation's message, as any invalid schema is).
 */
public final class ReplicationUpgrade {

    private ReplicationUpgrade() {
    }

    /** Upgrades {@code stored} in place from {@code seed}; true when it changed. */
    public static boolean upgrade(ObjectNode stored, JsonNode seed) {
        JsonNode published = stored.at("/replication/apply_pipelines/apply_artifact_published/1");
        boolean original = "kv.cas_put".equals(published.path("op").asText())
                && "{event.payload}".equals(published.at("/args/value").asText());
        if (!original || !seed.at("/replication/apply_pipelines").isObject()) {
            return false;
        }
        ObjectNode replication = (ObjectNode) stored.get("replication");
        replication.set("replay", seed.at("/replication/replay").deepCopy());
        replication.set("apply_pipelines", seed.at("/replication/apply_pipelines").deepCopy());
        JsonNode types = stored.at("/events/types");
        if (types instanceof ArrayNode array) {
            for (JsonNode seedType : seed.at("/events/types")) {
                boolean found = false;
                for (JsonNode type : array) {
                    if (type.path("name").asText().equals(seedType.path("name").asText())) {
                        ((ObjectNode) type).set("schema", seedType.path("schema").deepCopy());
                        found = true;
                    }
                }
                if (!found) {
                    array.add(seedType.deepCopy());
                }
            }
        }
        return true;
    }
}
