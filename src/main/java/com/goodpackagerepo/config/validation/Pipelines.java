package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the pipelines of a schema: every {@code api.routes[i].pipeline} and every
 * {@code replication.apply_pipelines.<name>}. Only well-formed parts are returned; the shape checks
 * report the rest, so other checks need not trip over them.
 */
final class Pipelines {

    /** A pipeline and its path, e.g. {@code api.routes[2].pipeline}. */
    record Pipeline(String path, JsonNode node) {

        /** The op entries that are objects with a string {@code op}. */
        List<OpRef> ops() {
            List<OpRef> ops = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                if (entry.isObject() && entry.path("op").isTextual()) {
                    JsonNode args = entry.path("args");
                    ops.add(new OpRef(SchemaPaths.index(path, i), i, entry.get("op").asText(),
                            args.isObject() ? args : JsonNodeFactory.instance.objectNode()));
                }
            }
            return ops;
        }
    }

    private Pipelines() {
    }

    /** Route pipelines, then apply pipelines; only those that are arrays. */
    static List<Pipeline> all(JsonNode schema) {
        List<Pipeline> pipelines = new ArrayList<>();
        JsonNode routes = schema.path("api").path("routes");
        for (int i = 0; routes.isArray() && i < routes.size(); i++) {
            JsonNode pipeline = routes.get(i).path("pipeline");
            if (pipeline.isArray()) {
                pipelines.add(new Pipeline(SchemaPaths.index("api.routes", i) + ".pipeline", pipeline));
            }
        }
        JsonNode apply = schema.path("replication").path("apply_pipelines");
        for (Map.Entry<String, JsonNode> e : apply.properties()) {
            if (e.getValue().isArray()) {
                pipelines.add(new Pipeline(SchemaPaths.child("replication.apply_pipelines", e.getKey()), e.getValue()));
            }
        }
        return pipelines;
    }

    /** Every op of every pipeline. */
    static List<OpRef> allOps(JsonNode schema) {
        List<OpRef> ops = new ArrayList<>();
        for (Pipeline pipeline : all(schema)) {
            ops.addAll(pipeline.ops());
        }
        return ops;
    }
}
