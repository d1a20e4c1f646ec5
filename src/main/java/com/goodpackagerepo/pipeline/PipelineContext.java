package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.NamespaceAccess;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one pipeline run: request, caller, variables set by ops, entity fields, the open
 * transaction and the response once an op has produced one.
 */
public final class PipelineContext {
    /** The path field grants and narrowed tokens are matched against. */
    static final String NAMESPACE = "namespace";
    private final RequestData request;
    private final RepositoryConfig config;
    private final CompiledConfig compiled;
    private final CompiledRoute route;
    private final Principal principal;
    private final Map<String, Object> vars = new HashMap<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, JsonNode> bodyFields = new LinkedHashMap<>();
    private final Set<String> unverifiedBlobPuts = new LinkedHashSet<>();
    private final RequestBudget budget;
    private final long startedNanos = System.nanoTime();
    private final List<Runnable> endActions = new ArrayList<>();
    private Transaction transaction;
    private PipelineResult result;
    private NamespaceAccess access;

    public PipelineContext(RequestData request, CompiledConfig compiled, CompiledRoute route, Principal principal) {
        this.request = request;
        this.compiled = compiled;
        this.config = compiled.config();
        this.route = route;
        this.principal = principal;
        this.budget = new RequestBudget(config.model().limits().maxCpuMsPerRequest(),
                config.model().limits().maxIoOpsPerRequest());
    }

    /**
     * The context of an apply pipeline for one stored event (replication): no request, no principal, no response;
     * the payload's top-level fields are its {@code {field}}s and the event its {@code {event.*}}; writes go into
     * {@code writes}.
     */
    static PipelineContext forEvent(CompiledConfig compiled, List<OpCall> steps, StoredEvent event,
                                    Transaction writes) {
        RequestData none = new RequestData("APPLY", "", Map.of(), Map.of(), Map.of(), null, -1);
        CompiledRoute route = new CompiledRoute("apply " + event.type(), "APPLY", null, Set.of(), steps);
        PipelineContext ctx = new PipelineContext(none, compiled, route, null);
        event.payload().properties().forEach(field -> ctx.bodyFields.put(field.getKey(), field.getValue()));
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("event_id", event.eventId()).put("type", event.type()).put("at", event.at());
        envelope.set("payload", event.payload());
        ctx.set("event", envelope);
        ctx.transaction(writes);
        return ctx;
    }

    public RequestData request() {
        return request;
    }

    public RepositoryConfig config() {
        return config;
    }

    public CompiledConfig compiled() {
        return compiled;
    }

    public CompiledRoute route() {
        return route;
    }

    public Principal principal() {
        return principal;
    }

    /** What the caller may do on which namespace (set by the executor before the first op), or null. */
    public NamespaceAccess access() {
        return access;
    }

    public void access(NamespaceAccess value) {
        this.access = value;
    }

    /**
     * The namespace the request addresses: the entity field once the path is parsed (normalized), else the raw
     * path parameter trimmed and lower-cased as the artifact entity normalizes it; null when the route has none.
     */
    public String namespace() {
        String parsed = fields.get(NAMESPACE);
        if (parsed != null) {
            return parsed;
        }
        String raw = request.pathParams() == null ? null : request.pathParams().get(NAMESPACE);
        return raw == null ? null : raw.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public Object var(String name) {
        return vars.get(name);
    }

    public void set(String name, Object value) {
        if (name != null && !name.isBlank()) {
            vars.put(name, value);
        }
    }

    /** Entity fields from the path (after normalization), e.g. namespace, name, version, variant. */
    public Map<String, String> fields() {
        return fields;
    }

    /** Top-level fields of parsed JSON bodies, addressable as {field} after the path fields. */
    public Map<String, JsonNode> bodyFields() {
        return bodyFields;
    }

    public Set<String> unverifiedBlobPuts() {
        return unverifiedBlobPuts;
    }

    /** {@link System#nanoTime()} when the pipeline began: a cached response must not predate a cache clearing. */
    public long startedNanos() {
        return startedNanos;
    }

    public RequestBudget budget() {
        return budget;
    }

    public Transaction transaction() {
        return transaction;
    }

    public void transaction(Transaction value) {
        this.transaction = value;
    }

    public PipelineResult result() {
        return result;
    }

    public void respond(PipelineResult value) {
        this.result = value;
    }

    /** Runs {@code action} when the pipeline has ended (answered or failed), e.g. to free an upstream connection. */
    public void onEnd(Runnable action) {
        endActions.add(action);
    }

    /** Called once by the executor after the pipeline and its transaction are done; actions run in order. */
    void runEndActions() {
        for (Runnable action : endActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(PipelineContext.class.getName())
                        .log(java.util.logging.Level.WARNING, "pipeline end action failed", e);
            }
        }
        endActions.clear();
    }
}
