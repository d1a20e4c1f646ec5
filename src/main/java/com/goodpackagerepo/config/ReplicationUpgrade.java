package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings a stored schema's replication up to the seed's, at start:
 * <ul>
 *   <li>a schema written before apply pipelines were validated (the original shipped {@code replication} section,
 *       whose pipelines wrote {@code "{event.payload}"} with {@code kv.cas_put}) gets the seed's
 *       {@code replication.replay}, {@code replication.apply_pipelines} and the payload declarations of the event
 *       types the seed declares;</li>
 *   <li>a schema written before deletion, tag removal and eviction were declared events gets each event type of
 *       the seed it lacks, with its {@code replay} mapping, its apply pipeline and the documents that pipeline
 *       writes (the tombstone) — each only where the stored schema has nothing under that name.</li>
 * </ul>
 * Anything an administrator changed in those pipelines is left alone (and then refused with the validation's
 * message, as any invalid schema is).
 */
public final class ReplicationUpgrade {

    private ReplicationUpgrade() {
    }

    /** Upgrades {@code stored} in place from {@code seed}; true when it changed. */
    public static boolean upgrade(ObjectNode stored, JsonNode seed) {
        boolean replaced = replaceOriginal(stored, seed);
        return addMissingTypes(stored, seed) | replaced;
    }

    private static boolean replaceOriginal(ObjectNode stored, JsonNode seed) {
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
                JsonNode type = find(array, seedType.path("name").asText());
                if (type != null) {
                    ((ObjectNode) type).set("schema", seedType.path("schema").deepCopy());
                } else {
                    array.add(seedType.deepCopy());
                }
            }
        }
        return true;
    }

    /** The seed's event types the stored schema does not declare, each with what replicas need to apply it. */
    private static boolean addMissingTypes(ObjectNode stored, JsonNode seed) {
        if (!(stored.at("/events/types") instanceof ArrayNode types)
                || !(stored.at("/replication/replay/apply_pipelines") instanceof ObjectNode mapping)
                || !(stored.at("/replication/apply_pipelines") instanceof ObjectNode pipelines)) {
            return false;
        }
        boolean changed = false;
        for (JsonNode seedType : seed.at("/events/types")) {
            String name = seedType.path("name").asText();
            String pipeline = seed.at("/replication/replay/apply_pipelines").path(name).asText("");
            if (find(types, name) != null || mapping.has(name) || pipeline.isEmpty()
                    || !seed.at("/replication/apply_pipelines").has(pipeline)) {
                continue;
            }
            types.add(seedType.deepCopy());
            mapping.put(name, pipeline);
            if (!pipelines.has(pipeline)) {
                JsonNode steps = seed.at("/replication/apply_pipelines").get(pipeline);
                pipelines.set(pipeline, steps.deepCopy());
                addDocuments(stored, seed, steps);
            }
            changed = true;
        }
        return changed;
    }

    /** The documents (and their JSON Schemas) the seed's pipeline writes that the stored schema lacks. */
    private static void addDocuments(ObjectNode stored, JsonNode seed, JsonNode steps) {
        if (!(stored.at("/storage/documents") instanceof ObjectNode documents)
                || !(stored.at("/storage/schemas") instanceof ObjectNode schemas)) {
            return;
        }
        for (JsonNode step : steps) {
            String doc = step.at("/args/doc").asText("");
            JsonNode seedDoc = seed.at("/storage/documents").get(doc);
            if (doc.isEmpty() || documents.has(doc) || seedDoc == null) {
                continue;
            }
            documents.set(doc, seedDoc.deepCopy());
            String schemaName = seedDoc.path("schema").asText("");
            JsonNode seedSchema = seed.at("/storage/schemas").get(schemaName);
            if (!schemas.has(schemaName) && seedSchema != null) {
                schemas.set(schemaName, seedSchema.deepCopy());
            }
        }
    }

    private static JsonNode find(ArrayNode types, String name) {
        for (JsonNode type : types) {
            if (type.path("name").asText().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
