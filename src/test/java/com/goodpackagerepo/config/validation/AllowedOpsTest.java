package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertHasViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.idsAndPaths;
import static com.goodpackagerepo.config.validation.Fixtures.op;
import static com.goodpackagerepo.config.validation.Fixtures.pipeline;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** val.pipeline_ops_allowed: pipelines_only_use_ops_in "ops.allowed". */
class AllowedOpsTest {

    private static final String CHECK = "val.pipeline_ops_allowed";

    @Test
    void anUnusedOpMayBeDroppedFromTheAllowList() {
        ObjectNode schema = shipped();
        ArrayNode allowed = arr(schema, "/ops/allowed");
        allowed.remove(allowed.size() - 1); // string.format, used by no pipeline

        assertValid(validate(schema));
    }

    @Test
    void anOpOutsideTheAllowListIsRejectedAtItsOpPath() {
        ObjectNode schema = shipped();
        pipeline(schema, 0).insert(1, op("shell.exec", "{\"cmd\":\"rm -rf /\"}"));

        ValidationReport report = validate(schema);

        assertHasViolation(report, CHECK, "api.routes[0].pipeline[1].op");
        assertEquals(List.of(CheckIds.OP_ARGS + " at api.routes[0].pipeline[1].op",
                CHECK + " at api.routes[0].pipeline[1].op"), idsAndPaths(report)); // also unknown to the server
    }

    @Test
    void disallowingAnUsedOpRejectsEveryUseIncludingApplyPipelines() {
        ObjectNode schema = shipped();
        ArrayNode allowed = arr(schema, "/ops/allowed");
        allowed.remove(11); // kv.put
        ValidationReport report = validate(schema);

        assertEquals(List.of(CHECK + " at api.routes[2].pipeline[10].op",
                CHECK + " at replication.apply_pipelines.apply_artifact_published[1].op",
                CHECK + " at replication.apply_pipelines.apply_artifact_cached[1].op",
                CHECK + " at replication.apply_pipelines.apply_tag_updated[1].op",
                CHECK + " at replication.apply_pipelines.apply_artifact_deleted[3].op"), idsAndPaths(report));
    }

    @Test
    void theAllowListMayOnlyNameOpsThisServerImplements() {
        ObjectNode schema = shipped();
        arr(schema, "/ops/allowed").add("shell.exec");

        assertOnlyViolation(validate(schema), CHECK, "ops.allowed[30]");
    }

    @Test
    void theAllowListMustExist() {
        ObjectNode schema = shipped();
        ((ObjectNode) schema.get("ops")).remove("allowed");

        assertOnlyViolation(validate(schema), CHECK, "ops.allowed");
    }
}
