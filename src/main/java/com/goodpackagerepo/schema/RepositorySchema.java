package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed model of one schema revision, read once when the revision is loaded: entities, documents with their
 * {@link DocumentRole roles}, indexes, routes, stores, upstreams, auth scopes and policies, op limits, feature
 * flags, versioning, caching, Maven, GC and replication. Features read this, not the raw JSON. Reading never fails: a malformed part is left out and {@link SchemaRoles#problems} / the validator
 * report it, so a model of an invalid schema exists only while it is being refused.
 *
 * <p>Roles: a document declares one with {@code "role": "artifact_metadata" | "tag"}; when no document declares a
 * role, it is derived from the shipped structure (see {@link SchemaRoles}).
 */
public final class RepositorySchema {
    /** The name of the kv store that holds the metadata when several are declared. */
    public static final String METADATA_KV_STORE = "meta";

    private final Map<String, EntityDef> entities;
    private final Map<String, DocumentDef> documents;
    private final Map<DocumentRole, DocumentDef> roles;
    private final Map<String, IndexDef> indexes;
    private final List<RouteDef> routes;
    private final Map<String, BlobStoreDef> blobStores;
    private final Map<String, KvStoreDef> kvStores;
    private final Map<String, UpstreamDef> upstreams;
    private final GcDef gc;
    private final CachingDef caching;
    private final FeatureFlags features;
    private final ReplicationDef replication;
    private final AuthDef auth;
    private final OpsLimits limits;
    private final Set<String> allowedOps;
    private final VersioningDef versioning;
    private final Set<String> runtimeRequirements;
    private final Map<String, JsonNode> eventSchemas;
    private final MavenDef maven;

    private RepositorySchema(JsonNode root) {
        this.entities = entities(root.path("entities"));
        this.documents = documents(root.path("storage"));
        this.roles = SchemaRoles.resolve(documents, root);
        this.indexes = indexes(root, documents);
        this.routes = routes(root.path("api").path("routes"));
        this.blobStores = blobStores(root.path("storage").path("blob_stores"));
        this.kvStores = kvStores(root.path("storage").path("kv_stores"));
        Map<String, UpstreamDef> upstreamDefs = new LinkedHashMap<>();
        root.path("upstreams").fields().forEachRemaining(e ->
                upstreamDefs.put(e.getKey(), UpstreamDef.read(e.getKey(), e.getValue())));
        this.upstreams = Collections.unmodifiableMap(upstreamDefs);
        this.gc = GcDef.read(root.path("gc"));
        this.caching = CachingDef.read(root.path("caching"));
        Map<String, Boolean> flags = new LinkedHashMap<>();
        root.path("features").fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean()) {
                flags.put(e.getKey(), e.getValue().asBoolean());
            }
        });
        this.features = new FeatureFlags(Collections.unmodifiableMap(flags));
        this.replication = replication(root.path("replication"));
        this.auth = AuthDef.read(root.path("auth"));
        this.limits = OpsLimits.read(root.path("ops").path("limits"));
        this.allowedOps = Set.copyOf(texts(root.path("ops").path("allowed")));
        this.versioning = VersioningDef.read(root.path("entities").path("versioning"));
        Set<String> requirements = new LinkedHashSet<>();
        root.path("validation").path("runtime_checks")
                .forEach(check -> requirements.addAll(names(check.path("require"))));
        this.runtimeRequirements = Collections.unmodifiableSet(requirements);
        Map<String, JsonNode> events = new LinkedHashMap<>();
        root.path("events").path("types").forEach(t -> events.put(t.path("name").asText(), t.path("schema")));
        this.eventSchemas = Collections.unmodifiableMap(events);
        this.maven = MavenDef.read(root.path("maven"));
    }

    /** The model of {@code schema} (any JSON; a non-object gives an empty model). */
    public static RepositorySchema read(JsonNode schema) {
        return new RepositorySchema(schema == null
                ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : schema);
    }

    public Map<String, EntityDef> entities() {
        return entities;
    }

    public Map<String, DocumentDef> documents() {
        return documents;
    }

    public Optional<DocumentDef> document(String name) {
        return Optional.ofNullable(documents.get(name));
    }

    /** The document that has {@code role}, if any. */
    public Optional<DocumentDef> document(DocumentRole role) {
        return Optional.ofNullable(roles.get(role));
    }

    /**
     * The document with {@code role}, which validation guarantees for a loaded revision.
     *
     * @throws IllegalStateException when the schema has none (only for a schema that was never validated)
     */
    public DocumentDef require(DocumentRole role) {
        DocumentDef doc = roles.get(role);
        if (doc == null) {
            throw new IllegalStateException("the schema has no document with role " + role.id());
        }
        return doc;
    }

    /** Whether document {@code name} has {@code role}. */
    public boolean hasRole(String name, DocumentRole role) {
        DocumentDef doc = roles.get(role);
        return doc != null && doc.name().equals(name);
    }

    public Map<String, IndexDef> indexes() {
        return indexes;
    }

    /** The storage definition of index {@code name}, or null. */
    public IndexDefinition index(String name) {
        IndexDef index = indexes.get(name);
        return index == null ? null : index.definition();
    }

    /** The indexes whose rows are built from document {@code document}. */
    public List<IndexDef> indexesFedBy(String document) {
        return indexes.values().stream().filter(i -> i.sourceDocument().equals(document)).toList();
    }

    /**
     * The index of artifact versions: fed by the artifact-metadata document, keyed by namespace and name, sorted
     * by version newest first. {@code /latest}-style reads, {@code …/versions}, the catalog and retention use it.
     */
    public Optional<IndexDefinition> versionsIndex() {
        return document(DocumentRole.ARTIFACT_METADATA).flatMap(doc -> indexesFedBy(doc.name()).stream()
                .map(IndexDef::definition)
                .filter(d -> d.keyFields().equals(List.of("namespace", "name")) && "version".equals(d.sortField())
                        && d.descending())
                .findFirst());
    }

    /**
     * The entity artifacts are: the first entity that declares every field of the artifact-metadata document's key
     * template (namespace, name, version, variant in the shipped schema). Its rules normalize and check the fields
     * of the catalog, downloads, deletion, Maven and the built-in routes.
     */
    public Optional<EntityDef> artifactEntity() {
        return document(DocumentRole.ARTIFACT_METADATA).flatMap(doc -> entities.values().stream()
                .filter(e -> e.fields().containsAll(doc.key().fields())).findFirst());
    }

    public List<RouteDef> routes() {
        return routes;
    }

    public Map<String, BlobStoreDef> blobStores() {
        return blobStores;
    }

    public Map<String, KvStoreDef> kvStores() {
        return kvStores;
    }

    /** The kv store the metadata store lives in: the one named {@value #METADATA_KV_STORE}, else the first. */
    public Optional<KvStoreDef> metadataStore() {
        KvStoreDef meta = kvStores.get(METADATA_KV_STORE);
        return meta != null ? Optional.of(meta) : kvStores.values().stream().findFirst();
    }

    /** {@code upstreams} as declared, by name. */
    public Map<String, UpstreamDef> upstreams() {
        return upstreams;
    }

    public GcDef gc() {
        return gc;
    }

    public CachingDef caching() {
        return caching;
    }

    /** The boolean feature flag {@code features.<name>}, or {@code fallback} when it is absent or not a boolean. */
    public boolean feature(String name, boolean fallback) {
        return features.flag(name, fallback);
    }

    /** {@code features}, with each flag's default. */
    public FeatureFlags features() {
        return features;
    }

    public ReplicationDef replication() {
        return replication;
    }

    /** {@code auth}: the actions of each scope and the allow policies. */
    public AuthDef auth() {
        return auth;
    }

    /** {@code ops.limits}. */
    /**
     * The largest blob {@code blob.put} may store in {@code store}: its {@code limits.max_blob_bytes}, and never more
     * than {@code ops.limits.max_request_body_bytes}.
     */
    public long maxBlobBytes(String store) {
        BlobStoreDef def = blobStores.get(store);
        long own = def == null || def.maxBlobBytes() == null ? Long.MAX_VALUE : def.maxBlobBytes();
        return Math.min(own, limits.maxRequestBodyBytes());
    }

    /** The smallest blob {@code blob.put} may store in {@code store} ({@code limits.min_blob_bytes}, 0 by default). */
    public long minBlobBytes(String store) {
        BlobStoreDef def = blobStores.get(store);
        return def == null ? 0 : def.minBlobBytes();
    }

    public OpsLimits limits() {
        return limits;
    }

    /** {@code entities.versioning}. */
    public VersioningDef versioning() {
        return versioning;
    }

    /**
     * The requirements the runtime checks declare: the member names of each {@code validation.runtime_checks[].require}
     * ("all_blob_puts_followed_by", "all_kv_or_index_writes_inside_txn").
     */
    public Set<String> runtimeRequirements() {
        return runtimeRequirements;
    }

    /** {@code events.types}: each event type's JSON Schema, which {@code emit.event} checks payloads against. */
    public Map<String, JsonNode> eventSchemas() {
        return eventSchemas;
    }

    /** {@code maven}, with its defaults. */
    public MavenDef maven() {
        return maven;
    }

    /** {@code ops.allowed}: the ops a pipeline may use. */
    public Set<String> allowedOps() {
        return allowedOps;
    }

    private static Map<String, EntityDef> entities(JsonNode node) {
        Map<String, EntityDef> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().path("fields").isObject()) {
                out.put(e.getKey(), EntityDef.read(e.getKey(), e.getValue()));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, DocumentDef> documents(JsonNode storage) {
        Map<String, DocumentDef> out = new LinkedHashMap<>();
        JsonNode schemas = storage.path("schemas");
        storage.path("documents").fields().forEachRemaining(e -> {
            JsonNode doc = e.getValue();
            if (!doc.isObject()) {
                return;
            }
            String schemaName = doc.path("schema").asText("");
            Set<String> properties = new LinkedHashSet<>(names(schemas.path(schemaName).path("properties")));
            out.put(e.getKey(), new DocumentDef(e.getKey(), doc.path("store").asText(""),
                    new KeyTemplate(doc.path("key_template").asText("")), schemaName,
                    DocumentRole.of(doc.path("role").asText("")), Collections.unmodifiableSet(properties),
                    schemas.get(schemaName)));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, IndexDef> indexes(JsonNode root, Map<String, DocumentDef> documents) {
        boolean semverOrdering = VersioningDef.read(root.path("entities").path("versioning")).semverOrdering();
        Map<String, IndexDef> out = new LinkedHashMap<>();
        root.path("indexes").fields().forEachRemaining(e -> {
            String source = e.getValue().path("source_document").asText("");
            DocumentDef doc = documents.get(source);
            KeyTemplate template = doc == null ? new KeyTemplate("") : doc.key();
            out.put(e.getKey(), new IndexDef(e.getKey(), source,
                    definition(e.getKey(), e.getValue().path("keys").path(0), semverOrdering, template)));
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The storage definition of an index's first key. A non-unique index identifies a row by the source
     * document's key fields beyond the index key (version, variant), or by its sort field.
     */
    private static IndexDefinition definition(String name, JsonNode key, boolean semverOrdering, KeyTemplate template) {
        List<String> keyFields = texts(key.path("fields"));
        String sortField = null;
        boolean descending = false;
        if (key.path("sort").size() > 0) {
            String[] sort = key.path("sort").get(0).asText().split(":");
            sortField = sort[0];
            descending = sort.length > 1 && sort[1].equalsIgnoreCase("desc");
        }
        List<String> identity = new ArrayList<>();
        if (!key.path("unique").asBoolean(false)) {
            for (String field : template.fields()) {
                if (!keyFields.contains(field) && !identity.contains(field)) {
                    identity.add(field);
                }
            }
            if (identity.isEmpty() && sortField != null) {
                identity.add(sortField);
            }
        }
        boolean semver = semverOrdering && "version".equals(sortField);
        return new IndexDefinition(name, List.copyOf(keyFields), sortField, descending, semver, List.copyOf(identity));
    }

    private static List<RouteDef> routes(JsonNode list) {
        List<RouteDef> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode route = list.get(i);
            out.add(new RouteDef(route.path("id").asText(), route.path("method").asText().toUpperCase(),
                    route.path("path").asText(), Set.copyOf(new LinkedHashSet<>(texts(route.path("tags")))),
                    steps(route.path("pipeline"), "api.routes[" + i + "].pipeline")));
        }
        return List.copyOf(out);
    }

    static List<PipelineStep> steps(JsonNode pipeline, String location) {
        List<PipelineStep> steps = new ArrayList<>();
        for (int j = 0; j < pipeline.size(); j++) {
            JsonNode step = pipeline.get(j);
            steps.add(new PipelineStep(step.path("op").asText(), step.path("args"), location + "[" + j + "]"));
        }
        return List.copyOf(steps);
    }

    private static Map<String, BlobStoreDef> blobStores(JsonNode node) {
        Map<String, BlobStoreDef> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), BlobStoreDef.read(e.getKey(), e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, KvStoreDef> kvStores(JsonNode node) {
        Map<String, KvStoreDef> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode root = e.getValue().path("root");
            out.put(e.getKey(), new KvStoreDef(e.getKey(), e.getValue().path("kind").asText(""),
                    root.isMissingNode() || root.isNull() ? null : root.asText()));
        });
        return Collections.unmodifiableMap(out);
    }

    private static ReplicationDef replication(JsonNode node) {
        Map<String, String> replay = new LinkedHashMap<>();
        node.path("replay").path("apply_pipelines").fields()
                .forEachRemaining(e -> replay.put(e.getKey(), e.getValue().asText("")));
        Map<String, List<PipelineStep>> pipelines = new LinkedHashMap<>();
        node.path("apply_pipelines").fields().forEachRemaining(e -> pipelines.put(e.getKey(),
                steps(e.getValue(), "replication.apply_pipelines." + e.getKey())));
        return new ReplicationDef(node.path("mode").asText(""), Collections.unmodifiableMap(replay),
                Collections.unmodifiableMap(pipelines),
                node.path("log").path("max_event_bytes").asLong(ReplicationDef.DEFAULT_MAX_EVENT_BYTES));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        if (object.isObject()) {
            object.fieldNames().forEachRemaining(names::add);
        }
        return List.copyOf(names);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
