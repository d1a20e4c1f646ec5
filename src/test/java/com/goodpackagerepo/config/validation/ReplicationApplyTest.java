package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertHasViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.op;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** val.replication_apply: every declared event type has an apply pipeline that runs from its payload alone. */
class ReplicationApplyTest {
    private static final String APPLY = "/replication/apply_pipelines/";
    private static final String PUBLISHED_PUT = "replication.apply_pipelines.apply_artifact_published[1]";

    @Test
    void theShippedSchemaAppliesEveryEventType() {
        ObjectNode schema = shipped();
        assertValid(validate(schema));
        assertTrue(schema.at("/replication/replay/apply_pipelines").size() == schema.at("/events/types").size());
    }

    @Test
    void anEventTypeWithoutAnApplyPipelineIsRefused() {
        ObjectNode schema = shipped();
        obj(schema, "/replication/replay/apply_pipelines").remove("tag.updated");
        assertOnlyViolation(validate(schema), CheckIds.REPLICATION_APPLY, "replication.replay.apply_pipelines");
        assertTrue(validate(schema).summary().contains("\"tag.updated\" has no apply pipeline"));
    }

    @Test
    void aMappingToAMissingPipelineIsRefused() {
        ObjectNode schema = shipped();
        obj(schema, "/replication/apply_pipelines").remove("apply_tag_updated");
        // the shipped schema's val_entity_references names it; without that declared check this one does
        assertOnlyViolation(validate(schema), "val_entity_references", "replication.replay.apply_pipelines[\"tag.updated\"]");
        var checks = arr(schema, "/validation/load_time_checks");
        for (int i = checks.size() - 1; i >= 0; i--) {
            if (checks.get(i).path("id").asText().equals("val_entity_references")) {
                checks.remove(i);
            }
        }
        assertOnlyViolation(validate(schema), CheckIds.REPLICATION_APPLY, "replication.replay.apply_pipelines[\"tag.updated\"]");
    }

    @Test
    void aPipelineReadingAFieldThePayloadDoesNotCarryIsRefused() {
        ObjectNode schema = shipped();
        obj(schema, APPLY + "apply_artifact_published/1/args/value").put("created_at", "{published_on}");
        assertOnlyViolation(validate(schema), CheckIds.REPLICATION_APPLY, PUBLISHED_PUT + ".args.value.created_at");
    }

    @Test
    void anOptionalPayloadFieldMustBeReadAsOptional() {
        ObjectNode schema = shipped();
        obj(schema, APPLY + "apply_artifact_published/1/args/value").put("created_by", "{by}");
        ValidationReport report = validate(schema);
        assertOnlyViolation(report, CheckIds.REPLICATION_APPLY, PUBLISHED_PUT + ".args.value.created_by");
        assertTrue(report.summary().contains("{by?}"), report.summary());
    }

    @Test
    void variablesAndThePrincipalAreNotThereOnAReplica() {
        ObjectNode schema = shipped();
        obj(schema, APPLY + "apply_artifact_published/1/args/value").put("created_at", "$now");
        obj(schema, APPLY + "apply_tag_updated/1/args/value").put("updated_by", "{principal.sub}");
        ValidationReport report = validate(schema);
        assertHasViolation(report, CheckIds.REPLICATION_APPLY, PUBLISHED_PUT + ".args.value.created_at");
        assertHasViolation(report, CheckIds.REPLICATION_APPLY,
                "replication.apply_pipelines.apply_tag_updated[1].args.value.updated_by");
    }

    @Test
    void aReplicaMustNotReDecideAPrecondition() {
        ObjectNode schema = shipped();
        obj(schema, APPLY + "apply_artifact_published/1").put("op", "kv.cas_put");
        ValidationReport report = validate(schema);
        assertHasViolation(report, CheckIds.REPLICATION_APPLY, PUBLISHED_PUT + ".op");
        assertTrue(report.summary().contains("use kv.put"), report.summary());
    }

    @Test
    void onlyTheApplyVocabularyRuns() {
        ObjectNode schema = shipped();
        arr(schema, APPLY + "apply_tag_updated").insert(1, op("respond.json", "{\"status\":200,\"body\":{}}"));
        assertHasViolation(validate(schema), CheckIds.REPLICATION_APPLY,
                "replication.apply_pipelines.apply_tag_updated[1].op");
    }

    @Test
    void theApplyVocabularyIsWhatTheOpDeclarationsMarkApply() {
        assertEquals(java.util.Set.of("txn.begin", "txn.commit", "kv.put", "kv.delete", "index.upsert", "index.delete"),
                com.goodpackagerepo.schema.op.OpSpecs.applyOps());
        for (String op : java.util.List.of("kv.get", "index.query", "emit.event", "blob.put", "proxy.fetch")) {
            ObjectNode schema = shipped();
            arr(schema, APPLY + "apply_tag_removed").insert(1, op(op, "{}"));
            assertTrue(validate(schema).summary().contains("\"" + op + "\" cannot apply an event"), op);
        }
    }

    @Test
    void deletionTagRemovalAndEvictionAreDeclaredWithApplyPipelines() {
        ObjectNode schema = shipped();
        for (String type : java.util.List.of("artifact.deleted", "tag.removed", "artifact.evicted")) {
            String pipeline = schema.at("/replication/replay/apply_pipelines").path(type).asText();
            assertTrue(schema.at(APPLY + pipeline).isArray(), type);
        }
        // the tombstone a deletion leaves must keep its digest: a pipeline that drops it is refused
        obj(schema, APPLY + "apply_artifact_deleted/3/args/value").remove("blob_digest");
        assertOnlyViolation(validate(schema), CheckIds.REPLICATION_APPLY,
                "replication.apply_pipelines.apply_artifact_deleted[3].args.value");
    }

    @Test
    void theWrittenDocumentMustValidateAgainstItsSchema() {
        ObjectNode schema = shipped();
        obj(schema, APPLY + "apply_tag_updated/1/args/value").remove("target_key");
        obj(schema, APPLY + "apply_tag_updated/1/args/value").put("colour", "{tag}");
        ValidationReport report = validate(schema);
        assertHasViolation(report, CheckIds.REPLICATION_APPLY, "replication.apply_pipelines.apply_tag_updated[1].args.value");
        assertHasViolation(report, CheckIds.REPLICATION_APPLY,
                "replication.apply_pipelines.apply_tag_updated[1].args.value.colour");
    }

    @Test
    void anEventTypeMustDeclareItsPayloadAndEveryEmitterMustSetIt() {
        ObjectNode schema = shipped();
        obj(schema, "/events/types/2").set("schema", Fixtures.json("{\"type\":\"object\"}"));
        assertHasViolation(validate(schema), CheckIds.REPLICATION_APPLY, "events.types[2].schema");

        ObjectNode other = shipped();
        // the publish route's emit.event drops a field the apply pipeline needs
        String emit = findEmit(other, "artifact.published");
        obj(other, emit).remove("blob_size");
        ValidationReport report = validate(other);
        assertTrue(report.violations().stream().anyMatch(v -> v.checkId().equals(CheckIds.REPLICATION_APPLY)
                && v.message().contains("lacks \"blob_size\"")), report.summary());
    }

    @Test
    void withoutEventSourcingNothingIsRequired() {
        ObjectNode schema = shipped();
        obj(schema, "/replication").put("mode", "none");
        obj(schema, "/replication/replay/apply_pipelines").remove("tag.updated");
        assertTrue(validate(schema).violations().stream().noneMatch(v -> v.checkId().equals(CheckIds.REPLICATION_APPLY)));
    }

    /** The JSON pointer of the payload of the first emit.event of {@code type} in the routes. */
    private static String findEmit(ObjectNode schema, String type) {
        var routes = schema.at("/api/routes");
        for (int r = 0; r < routes.size(); r++) {
            var pipeline = routes.get(r).path("pipeline");
            for (int k = 0; k < pipeline.size(); k++) {
                if (pipeline.get(k).path("op").asText().equals("emit.event")
                        && pipeline.get(k).at("/args/type").asText().equals(type)) {
                    return "/api/routes/" + r + "/pipeline/" + k + "/args/payload";
                }
            }
        }
        throw new AssertionError("no emit.event of " + type);
    }
}
