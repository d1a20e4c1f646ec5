package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.auth.ScopePolicy;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.pipeline.route.EntityRules;
import com.goodpackagerepo.pipeline.route.PathTemplate;
import com.goodpackagerepo.schema.AuthDef;
import com.goodpackagerepo.schema.PipelineStep;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.schema.RouteDef;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime form of one configuration revision, compiled from its {@link RepositorySchema model}: route table,
 * entity rules, index definitions and the JSON Schemas documents and events are checked against. Built once per
 * revision, never per request. Replication apply pipelines are compiled by the event type they apply.
 */
public final class CompiledConfig {
    private final RepositoryConfig config;
    private final RouteTable routes;
    private final Map<String, EntityRules> entities = new HashMap<>();
    /** The rules of the schema model's artifact entity, or null when the schema has none. */
    private final EntityRules artifactEntity;
    private final Map<String, JsonSchemaCheck> documentSchemas = new HashMap<>();
    private final Map<String, JsonSchemaCheck> eventSchemas = new HashMap<>();
    /** {@code replication.replay.apply_pipelines} resolved: event type to its compiled apply pipeline. */
    private final Map<String, List<OpCall>> applyPipelines = new HashMap<>();
    /** {@code auth.scopes}: the actions each scope grants, read once instead of on every op's access check. */
    private final AuthDef auth;

    public CompiledConfig(RepositoryConfig config, OpRegistry registry) {
        this.config = config;
        RepositorySchema model = config.model();
        this.auth = model.auth();
        model.entities().values().forEach(e -> entities.put(e.name(), new EntityRules(e)));
        this.artifactEntity = model.artifactEntity().map(e -> entities.get(e.name())).orElse(null);
        model.documents().values().forEach(doc -> {
            if (doc.jsonSchema() != null) {
                documentSchemas.put(doc.name(), new JsonSchemaCheck(doc.jsonSchema()));
            }
        });
        model.eventSchemas().forEach((type, eventSchema) -> eventSchemas.put(type, new JsonSchemaCheck(eventSchema)));
        List<CompiledRoute> compiled = new ArrayList<>();
        for (RouteDef route : model.routes()) {
            compiled.add(new CompiledRoute(route.id(), route.method(), new PathTemplate(route.path()), route.tags(),
                    steps(route.pipeline(), registry)));
        }
        this.routes = new RouteTable(compiled);
        model.replication().replay().forEach((type, name) -> {
            List<PipelineStep> steps = model.replication().applyPipelines().get(name);
            if (steps != null) {
                applyPipelines.put(type, steps(steps, registry));
            }
        });
    }

    /** The apply pipeline of events of {@code type}, or null when the schema maps none. */
    public List<OpCall> applyPipeline(String type) {
        return applyPipelines.get(type);
    }

    private static List<OpCall> steps(List<PipelineStep> pipeline, OpRegistry registry) {
        return pipeline.stream().map(step -> new OpCall(step.op(), step.args().isMissingNode() ? null : step.args(),
                step.location(), registry.compile(step.op(), step.args()))).toList();
    }

    public RepositoryConfig config() {
        return config;
    }

    /** The configuration's {@code ops.allowed}. */
    public Set<String> allowedOps() {
        return config.model().allowedOps();
    }

    public RouteTable routes() {
        return routes;
    }

    public EntityRules entity(String name) {
        return entities.get(name);
    }

    /**
     * Whether one of {@code scopes} grants {@code action}, or every action ({@link ScopePolicy#ALL}), under
     * {@code auth.scopes}: what {@link ScopePolicy#actions} answers, without building the set per check.
     */
    public boolean grants(Set<String> scopes, String action) {
        return auth.grants(scopes, action);
    }

    /** The rules of the entity artifacts are (the catalog, downloads, Maven and the built-in routes check with them). */
    public EntityRules artifactEntity() {
        return artifactEntity;
    }

    public IndexDefinition index(String name) {
        return config.model().index(name);
    }

    public JsonSchemaCheck documentSchema(String doc) {
        return documentSchemas.get(doc);
    }

    public JsonSchemaCheck eventSchema(String type) {
        return eventSchemas.get(type);
    }
}
