package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.args;
import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertHasViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** val_entity_references: all_entity_refs_exist. */
class EntityReferencesTest {

    private static final String CHECK = "val_entity_references";

    static Stream<Arguments> brokenReferences() {
        return Stream.of(
                broken("missing entity", s -> args(s, 0, 1).put("entity", "widget"),
                        "api.routes[0].pipeline[1].args.entity"),
                broken("settings block used as entity", s -> args(s, 0, 3).put("entity", "versioning"),
                        "api.routes[0].pipeline[3].args.entity"),
                broken("missing document", s -> args(s, 1, 6).put("doc", "artifact_metadata"),
                        "api.routes[1].pipeline[6].args.doc"),
                broken("missing document in apply pipeline",
                        s -> obj(s, "/replication/apply_pipelines/apply_tag_updated/1/args").put("doc", "tags"),
                        "replication.apply_pipelines.apply_tag_updated[1].args.doc"),
                broken("missing index", s -> args(s, 3, 4).put("index", "versions"),
                        "api.routes[3].pipeline[4].args.index"),
                broken("missing blob store", s -> args(s, 1, 8).put("store", "secondary"),
                        "api.routes[1].pipeline[8].args.store"),
                broken("missing event type", s -> args(s, 0, 10).put("type", "artifact.renamed"),
                        "api.routes[0].pipeline[10].args.type"),
                broken("document store", s -> obj(s, "/storage/documents/artifact_meta").put("store", "cold"),
                        "storage.documents.artifact_meta.store"),
                broken("document schema", s -> obj(s, "/storage/documents/tag_map").put("schema", "TagMapV2"),
                        "storage.documents.tag_map.schema"),
                broken("index source document", s -> obj(s, "/indexes/tags").put("source_document", "tags"),
                        "indexes.tags.source_document"),
                broken("index key field", s -> arr(s, "/indexes/tags/keys/0/fields").set(2, json("\"label\"")),
                        "indexes.tags.keys[0].fields[2]"),
                broken("index sort field",
                        s -> arr(s, "/indexes/artifact_versions/keys/0/sort").set(0, json("\"rank:desc\"")),
                        "indexes.artifact_versions.keys[0].sort[0]"),
                broken("primary key field", s -> arr(s, "/entities/artifact/primary_key").set(1, json("\"title\"")),
                        "entities.artifact.primary_key[1]"),
                broken("constraint field", s -> obj(s, "/entities/artifact/constraints/0").put("field", "ns"),
                        "entities.artifact.constraints[0].field"),
                broken("constraint regex", s -> obj(s, "/entities/artifact/constraints/2").put("regex", "^[a-z"),
                        "entities.artifact.constraints[2].regex"),
                broken("replay pipeline", s -> obj(s, "/replication/replay/apply_pipelines").put("tag.updated",
                        "apply_tag"),
                        "replication.replay.apply_pipelines[\"tag.updated\"]"),
                broken("replay event type",
                        s -> obj(s, "/replication/replay/apply_pipelines").put("tag.deleted", "apply_tag_updated"),
                        "replication.replay.apply_pipelines[\"tag.deleted\"]"),
                broken("replication log store", s -> obj(s, "/replication/log").put("store", "events"),
                        "replication.log.store"),
                broken("gc mark source", s -> arr(s, "/gc/sweep/mark/sources").add("build_logs"),
                        "gc.sweep.mark.sources[2]"),
                broken("gc blob field", s -> arr(s, "/gc/sweep/mark/mark_blobs_by").add("tag_map.digest"),
                        "gc.sweep.mark.mark_blobs_by[1]"),
                broken("policy scope", s -> arr(s, "/auth/policies/1/require/scopes").add("publish"),
                        "auth.policies[1].require.scopes[1]"));
    }

    private static Arguments broken(String name, Consumer<ObjectNode> mutation, String path) {
        return Arguments.of(name, mutation, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenReferences")
    void aBrokenReferenceIsRejectedAtItsPath(String name, Consumer<ObjectNode> mutation, String path) {
        ObjectNode schema = shipped();
        mutation.accept(schema);

        assertOnlyViolation(validate(schema), CHECK, path);
    }

    @Test
    void theSettingsBlockIsNamedAsSuch() {
        ObjectNode schema = shipped();
        args(schema, 0, 3).put("entity", "versioning");

        String message = validate(schema).violations().get(0).message();

        assertTrue(message.contains("settings block"), message);
    }

    @Test
    void aMissingUpstreamIsRejected() {
        ObjectNode schema = shipped();
        args(schema, 4, 6).put("upstream", "originB");

        assertHasViolation(validate(schema), CHECK, "api.routes[4].pipeline[6].args.upstream");
    }

    @Test
    void newDeclarationsCanBeReferenced() {
        ObjectNode schema = shipped();
        obj(schema, "/storage/blob_stores").set("secondary", schema.at("/storage/blob_stores/primary").deepCopy());
        args(schema, 1, 8).put("store", "secondary");
        obj(schema, "/entities").set("widget", schema.at("/entities/artifact").deepCopy());
        args(schema, 1, 1).put("entity", "widget");
        arr(schema, "/events/types").add(json("{\"name\":\"artifact.renamed\"}"));
        obj(schema, "/events/types/6").set("schema", schema.at("/events/types/0/schema").deepCopy());
        obj(schema, "/replication/replay/apply_pipelines").put("artifact.renamed", "apply_artifact_published");
        args(schema, 0, 10).put("type", "artifact.renamed");
        arr(schema, "/indexes/tags/keys/0/fields").add("updated_at");

        assertValid(validate(schema));
    }

    @Test
    void anEntityWithoutConstraintsOrPrimaryKeyIsFine() {
        ObjectNode schema = shipped();
        obj(schema, "/entities/artifact").remove("constraints");
        obj(schema, "/entities/artifact").remove("primary_key");

        assertValid(validate(schema));
    }
}
