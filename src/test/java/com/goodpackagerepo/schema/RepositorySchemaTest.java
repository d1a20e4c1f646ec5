package com.goodpackagerepo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositorySchemaTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static ObjectNode shipped() {
        try {
            return (ObjectNode) MAPPER.readTree(Path.of("seed/schema.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ObjectNode doc(ObjectNode schema, String name) {
        return (ObjectNode) schema.path("storage").path("documents").path(name);
    }

    @Test
    void theShippedSchemaDerivesItsRolesFromItsStructure() {
        RepositorySchema model = RepositorySchema.read(shipped());

        assertEquals("artifact_meta", model.require(DocumentRole.ARTIFACT_METADATA).name());
        assertEquals("tag_map", model.require(DocumentRole.TAG).name());
        assertTrue(model.hasRole("artifact_meta", DocumentRole.ARTIFACT_METADATA));
        assertFalse(model.hasRole("tag_map", DocumentRole.ARTIFACT_METADATA));
        assertEquals("artifact_versions", model.versionsIndex().orElseThrow().name());
        assertEquals(List.of(), SchemaRoles.problems(shipped(), model));
    }

    @Test
    void theArtifactEntityIsTheOneDeclaringTheArtifactKeyFieldsWhateverItsName() {
        assertEquals("artifact", RepositorySchema.read(shipped()).artifactEntity().orElseThrow().name());

        ObjectNode schema = shipped();
        ObjectNode entities = (ObjectNode) schema.path("entities");
        ObjectNode settings = MAPPER.createObjectNode();
        settings.putObject("fields").putObject("namespace").put("type", "string");
        ObjectNode renamed = MAPPER.createObjectNode();
        renamed.set("settings_only", settings);
        entities.fields().forEachRemaining(e -> renamed.set(e.getKey().equals("artifact") ? "package" : e.getKey(),
                e.getValue()));
        schema.set("entities", renamed);

        assertEquals("package", RepositorySchema.read(schema).artifactEntity().orElseThrow().name());
    }

    @Test
    void aStoresBlobLimitsAreItsOwnCappedByTheRequestBodyLimit() {
        ObjectNode schema = shipped();
        ObjectNode store = (ObjectNode) schema.path("storage").path("blob_stores").fields().next().getValue();
        String name = schema.path("storage").path("blob_stores").fieldNames().next();
        store.putObject("limits").put("max_blob_bytes", 5000).put("min_blob_bytes", 3);
        ((ObjectNode) schema.path("ops")).putObject("limits").put("max_request_body_bytes", 9000);
        RepositorySchema model = RepositorySchema.read(schema);
        assertEquals(5000, model.maxBlobBytes(name));
        assertEquals(3, model.minBlobBytes(name));

        ((ObjectNode) schema.path("ops").path("limits")).put("max_request_body_bytes", 4000);
        assertEquals(4000, RepositorySchema.read(schema).maxBlobBytes(name));

        store.remove("limits");
        ((ObjectNode) schema.path("ops")).remove("limits");
        assertEquals(Long.MAX_VALUE, RepositorySchema.read(schema).maxBlobBytes(name));
        assertEquals(0, RepositorySchema.read(schema).minBlobBytes(name));
        assertEquals(0, RepositorySchema.read(schema).minBlobBytes("no_such_store"));
    }

    @Test
    void theEventSizeLimitComesFromTheReplicationLogOrItsDefault() {
        ObjectNode schema = shipped();
        ((ObjectNode) schema.path("replication")).putObject("log").put("max_event_bytes", 1234);
        assertEquals(1234, RepositorySchema.read(schema).replication().maxEventBytes());

        ((ObjectNode) schema.path("replication")).remove("log");
        assertEquals(ReplicationDef.DEFAULT_MAX_EVENT_BYTES, RepositorySchema.read(schema).replication().maxEventBytes());
    }

    @Test
    void cachingAndFeatureFlagsWithTheirDefaults() {
        ObjectNode schema = shipped();
        ObjectNode caching = schema.putObject("caching");
        caching.putObject("blob_cache").put("enabled", true).put("max_bytes", 1024);
        caching.putObject("response_cache").put("enabled", true).putArray("vary_headers").add("Accept");
        schema.putObject("features").put("gc_enabled", false).put("not_a_flag", "yes");

        RepositorySchema model = RepositorySchema.read(schema);

        assertEquals(new CachingDef.BlobCache(true, 1024, true), model.caching().blobCache());
        assertEquals(new CachingDef.ResponseCache(true, Long.MAX_VALUE, 300, List.of("Accept")),
                model.caching().responseCache());
        assertFalse(model.feature("gc_enabled", true));
        assertTrue(model.feature("not_a_flag", true), "a non-boolean value takes the fallback");
        assertTrue(model.feature("absent", true));

        RepositorySchema bare = RepositorySchema.read(MAPPER.createObjectNode());
        assertFalse(bare.caching().blobCache().enabled());
        assertEquals(Long.MAX_VALUE, bare.caching().blobCache().maxBytes());
        assertFalse(bare.caching().responseCache().enabled());
    }

    @Test
    void anExplicitRoleWinsOverTheDerivedOne() {
        ObjectNode schema = shipped();
        ObjectNode other = doc(schema, "artifact_meta").deepCopy();
        other.put("role", "artifact_metadata");
        ((ObjectNode) schema.path("storage").path("documents")).set("mirror_meta", other);

        RepositorySchema model = RepositorySchema.read(schema);

        assertEquals("mirror_meta", model.require(DocumentRole.ARTIFACT_METADATA).name());
        assertTrue(model.versionsIndex().isEmpty(), "no index is fed by mirror_meta");
    }

    @Test
    void indexesFedByADocumentAndTheirRows() {
        RepositorySchema model = RepositorySchema.read(shipped());

        assertEquals(List.of("artifact_versions"),
                model.indexesFedBy("artifact_meta").stream().map(IndexDef::name).toList());
        assertEquals(List.of("tags"), model.indexesFedBy("tag_map").stream().map(IndexDef::name).toList());
        IndexDef versions = model.indexes().get("artifact_versions");
        assertEquals(List.of("version", "variant"), versions.definition().identityFields());

        JsonNode row = versions.rowOf(MAPPER.createObjectNode().put("namespace", "acme").put("name", "app")
                .put("version", "1.0.0").put("blob_size", 3).putNull("variant"));
        assertEquals("", row.path("variant").asText(), "an absent identity field is empty, as index.upsert stored it");
        assertEquals(3, row.path("blob_size").asInt(), "the document's other fields stay");
    }

    @Test
    void readsStoresUpstreamsGcAndReplication() {
        RepositorySchema model = RepositorySchema.read(shipped());

        assertEquals(2147483648L, model.blobStores().get("primary").maxBlobBytes());
        assertEquals(java.util.Set.of("meta"), model.kvStores().keySet());
        assertEquals(java.util.Set.of("originA"), model.upstreams().keySet());
        assertEquals(List.of(new BlobMark("artifact_meta", "blob_digest")), model.gc().markBlobsBy());
        assertEquals(50, model.gc().keepLastNVersions());
        assertEquals(Map.of("artifact.published", "apply_artifact_published", "artifact.cached", "apply_artifact_cached",
                "tag.updated", "apply_tag_updated", "artifact.deleted", "apply_artifact_deleted",
                "tag.removed", "apply_tag_removed", "artifact.evicted", "apply_artifact_evicted"),
                model.replication().replay());
        assertEquals("kv.put", model.replication().applyPipelines().get("apply_artifact_published").get(1).op());
        assertEquals(5, model.routes().size());
        assertEquals("replication.apply_pipelines.apply_tag_updated[1]",
                model.replication().applyPipelines().get("apply_tag_updated").get(1).location());
    }

    @Test
    void aMalformedSchemaGivesAnEmptyModelNotAnException() {
        RepositorySchema model = RepositorySchema.read(MAPPER.createArrayNode());

        assertTrue(model.documents().isEmpty());
        assertTrue(model.document(DocumentRole.TAG).isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.require(DocumentRole.TAG));
        assertEquals("the schema has no document with role tag", e.getMessage());
    }

    @Test
    void problemsNameWhatIsMissingAndWhere() {
        ObjectNode noMark = shipped();
        ((ObjectNode) noMark.path("gc").path("sweep").path("mark")).putArray("mark_blobs_by");
        List<SchemaRoles.Problem> problems = SchemaRoles.problems(noMark, RepositorySchema.read(noMark));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("storage.documents", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("no document has role artifact_metadata"), problems.toString());

        ObjectNode badTemplate = shipped();
        doc(badTemplate, "tag_map").put("key_template", "{namespace}/{name}/{tag}");
        problems = SchemaRoles.problems(badTemplate, RepositorySchema.read(badTemplate));
        assertEquals(List.of("storage.documents.tag_map.key_template"),
                problems.stream().map(SchemaRoles.Problem::path).toList());

        ObjectNode unknown = shipped();
        doc(unknown, "tag_map").put("role", "label");
        problems = SchemaRoles.problems(unknown, RepositorySchema.read(unknown));
        assertEquals("storage.documents.tag_map.role", problems.get(0).path(), problems.toString());

        ObjectNode twice = shipped();
        doc(twice, "tag_map").put("role", "artifact_metadata");
        doc(twice, "artifact_meta").put("role", "artifact_metadata");
        problems = SchemaRoles.problems(twice, RepositorySchema.read(twice));
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("all declare role artifact_metadata")),
                problems.toString());

        ObjectNode noIndex = shipped();
        ((ObjectNode) noIndex.path("indexes").path("artifact_versions").path("keys").path(0)).putArray("sort")
                .add("version:asc");
        problems = SchemaRoles.problems(noIndex, RepositorySchema.read(noIndex));
        assertEquals(List.of("indexes"), problems.stream().map(SchemaRoles.Problem::path).toList());
    }
}
