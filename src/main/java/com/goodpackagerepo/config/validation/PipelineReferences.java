package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * References made by pipeline ops and by replication:
 * <ul>
 *   <li>{@code args.entity} names an entity in {@code entities} (a settings block such as
 *       {@code entities.versioning} does not count, see {@link SchemaModel});</li>
 *   <li>{@code args.doc}, {@code args.index}, {@code args.store}, {@code args.upstream} name members of
 *       {@code storage.documents}, {@code indexes}, {@code storage.blob_stores}, {@code upstreams};</li>
 *   <li>{@code emit.event}'s {@code args.type} is in {@code events.types[].name};</li>
 *   <li>each {@code replication.replay.apply_pipelines} entry maps a declared event type to an existing
 *       {@code replication.apply_pipelines} member, and {@code replication.log.store} is a kv store.</li>
 * </ul>
 * Arguments that are not strings are left to {@link OpArgsCheck}.
 */
final class PipelineReferences {

    /** Argument name and the object whose members it must name, in reporting order. */
    private static final List<Map.Entry<String, String>> CONTAINER_BY_ARG = List.of(
            Map.entry("doc", "storage.documents"),
            Map.entry("index", "indexes"),
            Map.entry("store", "storage.blob_stores"),
            Map.entry("upstream", "upstreams"));

    private PipelineReferences() {
    }

    static void checkOps(JsonNode schema, SchemaModel model, Reporter reporter) {
        for (OpRef op : Pipelines.allOps(schema)) {
            for (Map.Entry<String, String> reference : CONTAINER_BY_ARG) {
                String name = op.textArg(reference.getKey());
                if (name != null && !model.declares(reference.getValue(), name)) {
                    reporter.report(op.argPath(reference.getKey()),
                            "\"" + name + "\" is not declared in " + reference.getValue());
                }
            }
            String entity = op.textArg("entity");
            if (entity != null && model.entity(entity).isEmpty()) {
                reporter.report(op.argPath("entity"), schema.path("entities").has(entity)
                        ? "\"" + entity + "\" is a settings block in entities, not an entity (it has no fields)"
                        : "\"" + entity + "\" is not declared in entities");
            }
            String eventType = op.textArg("type");
            if (op.op().equals("emit.event") && eventType != null && !model.eventTypes().contains(eventType)) {
                reporter.report(op.argPath("type"), "\"" + eventType + "\" is not declared in events.types");
            }
        }
    }

    static void checkReplication(JsonNode schema, SchemaModel model, Reporter reporter) {
        JsonNode replication = schema.path("replication");
        String mapPath = "replication.replay.apply_pipelines";
        for (Map.Entry<String, JsonNode> e : replication.path("replay").path("apply_pipelines").properties()) {
            String path = SchemaPaths.child(mapPath, e.getKey());
            if (!model.eventTypes().contains(e.getKey())) {
                reporter.report(path, "event type \"" + e.getKey() + "\" is not declared in events.types");
            }
            JsonNode target = e.getValue();
            if (!target.isTextual() || !replication.path("apply_pipelines").path(target.asText()).isArray()) {
                reporter.report(path,
                        JsonValues.describe(target) + " is not a pipeline in replication.apply_pipelines");
            }
        }
        JsonNode logStore = replication.path("log").path("store");
        if (!logStore.isMissingNode() && !model.declares("storage.kv_stores", logStore.asText())) {
            reporter.report("replication.log.store",
                    JsonValues.describe(logStore) + " is not declared in storage.kv_stores");
        }
    }
}
