package com.goodpackagerepo.pipeline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.pipeline.JsonSchemaCheck;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpRegistry;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime form of one configuration revision: route table, entity rules, index definitions and the
 * JSON Schemas documents and events are checked against. Built once per revision, never per request.
 */
public final class CompiledConfig {
    private static final Pattern TEMPLATE_FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\??}");

    private final RepositoryConfig config;
    private final RouteTable routes;
    private final Map<String, EntityRules> entities = new HashMap<>();
    private final Map<String, IndexDefinition> indexes = new HashMap<>();
    private final Map<String, JsonSchemaCheck> documentSchemas = new HashMap<>();
    private final Map<String, JsonSchemaCheck> eventSchemas = new HashMap<>();
    private final Map<String, List<OpCall>> applyPipelines = new HashMap<>();
    private final Set<String> allowedOps;

    public CompiledConfig(RepositoryConfig config, OpRegistry registry) {
        this.config = config;
        JsonNode schema = config.schema();
        Set<String> allowed = new java.util.HashSet<>();
        schema.path("ops").path("allowed").forEach(op -> allowed.add(op.asText()));
        this.allowedOps = Set.copyOf(allowed);
        schema.path("entities").fields().forEachRemaining(e -> {
            if (e.getValue().has("fields")) {
                entities.put(e.getKey(), new EntityRules(e.getKey(), e.getValue()));
            }
        });
        boolean semver = "semver".equals(schema.path("entities").path("versioning").path("ordering").asText("semver"));
        schema.path("indexes").fields().forEachRemaining(e -> {
            JsonNode key = e.getValue().path("keys").path(0);
            indexes.put(e.getKey(), indexDefinition(e.getKey(), e.getValue(), key, semver, schema));
        });
        JsonNode schemas = schema.path("storage").path("schemas");
        schema.path("storage").path("documents").fields().forEachRemaining(e -> {
            JsonNode docSchema = schemas.get(e.getValue().path("schema").asText());
            if (docSchema != null) {
                documentSchemas.put(e.getKey(), new JsonSchemaCheck(docSchema));
            }
        });
        schema.path("events").path("types").forEach(t ->
                eventSchemas.put(t.path("name").asText(), new JsonSchemaCheck(t.path("schema"))));
        List<CompiledRoute> compiled = new ArrayList<>();
        JsonNode routeList = schema.path("api").path("routes");
        for (int i = 0; i < routeList.size(); i++) {
            JsonNode route = routeList.get(i);
            Set<String> tags = new LinkedHashSet<>();
            route.path("tags").forEach(t -> tags.add(t.asText()));
            compiled.add(new CompiledRoute(route.path("id").asText(), route.path("method").asText().toUpperCase(),
                    new PathTemplate(route.path("path").asText()), Set.copyOf(tags),
                    steps(route.path("pipeline"), "api.routes[" + i + "].pipeline", registry)));
        }
        this.routes = new RouteTable(compiled);
        schema.path("replication").path("apply_pipelines").fields().forEachRemaining(e -> applyPipelines.put(
                e.getKey(), steps(e.getValue(), "replication.apply_pipelines." + e.getKey(), registry)));
    }

    private static List<OpCall> steps(JsonNode pipeline, String location, OpRegistry registry) {
        List<OpCall> steps = new ArrayList<>();
        for (int j = 0; j < pipeline.size(); j++) {
            JsonNode step = pipeline.get(j);
            String op = step.path("op").asText();
            steps.add(new OpCall(op, step.get("args"), location + "[" + j + "]", registry.compile(op, step.path("args"))));
        }
        return List.copyOf(steps);
    }

    private static IndexDefinition indexDefinition(String name, JsonNode index, JsonNode key, boolean semverOrdering,
                                                   JsonNode schema) {
        List<String> keyFields = new ArrayList<>();
        key.path("fields").forEach(f -> keyFields.add(f.asText()));
        String sortField = null;
        boolean descending = false;
        if (key.path("sort").size() > 0) {
            String[] sort = key.path("sort").get(0).asText().split(":");
            sortField = sort[0];
            descending = sort.length > 1 && sort[1].equalsIgnoreCase("desc");
        }
        List<String> identity = new ArrayList<>();
        if (!key.path("unique").asBoolean(false)) {
            String template = schema.path("storage").path("documents")
                    .path(index.path("source_document").asText()).path("key_template").asText("");
            Matcher m = TEMPLATE_FIELD.matcher(template);
            while (m.find()) {
                if (!keyFields.contains(m.group(1))) {
                    identity.add(m.group(1));
                }
            }
            if (identity.isEmpty() && sortField != null) {
                identity.add(sortField);
            }
        }
        boolean semver = semverOrdering && "version".equals(sortField);
        return new IndexDefinition(name, List.copyOf(keyFields), sortField, descending, semver, List.copyOf(identity));
    }

    public RepositoryConfig config() {
        return config;
    }

    /** The configuration's {@code ops.allowed}. */
    public Set<String> allowedOps() {
        return allowedOps;
    }

    public RouteTable routes() {
        return routes;
    }

    public EntityRules entity(String name) {
        return entities.get(name);
    }

    public IndexDefinition index(String name) {
        return indexes.get(name);
    }

    public JsonSchemaCheck documentSchema(String doc) {
        return documentSchemas.get(doc);
    }

    public JsonSchemaCheck eventSchema(String type) {
        return eventSchemas.get(type);
    }

    public List<OpCall> applyPipeline(String name) {
        return applyPipelines.get(name);
    }
}
