package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The declared-check machinery: equals, unknown requirements, malformed entries. */
class DeclaredChecksTest {

    private static ObjectNode require(ObjectNode schema, String list, int i) {
        return obj(schema, "/validation/" + list + "/" + i + "/require");
    }

    @Test
    void closedWorldHolds() {
        ObjectNode schema = shipped();
        obj(schema, "/ops").put("closed_world", true);

        assertValid(validate(schema));
    }

    @Test
    void closedWorldFalseIsRejectedAtItsPath() {
        ObjectNode schema = shipped();
        obj(schema, "/ops").put("closed_world", false);

        assertOnlyViolation(validate(schema), "val.ops_closed_world", "ops.closed_world");
    }

    @Test
    void closedWorldMissingIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/ops").remove("closed_world");

        assertOnlyViolation(validate(schema), "val.ops_closed_world", "ops.closed_world");
    }

    @Test
    void malformedEqualsArgumentIsRejected() {
        ObjectNode schema = shipped();
        require(schema, "load_time_checks", 0).set("equals", json("[\"ops.closed_world\"]"));

        assertOnlyViolation(validate(schema), "val.ops_closed_world", "validation.load_time_checks[0].require.equals");
    }

    @Test
    void unknownRequirementKeyIsAViolationOfItsCheck() {
        ObjectNode schema = shipped();
        require(schema, "load_time_checks", 5).put("frobnicate", true);

        ValidationReport report = validate(schema);

        assertOnlyViolation(report, "val_no_unbounded_proxy", "validation.load_time_checks[5].require.frobnicate");
        assertTrue(report.violations().get(0).message().contains("unknown requirement"));
    }

    @Test
    void unknownRuntimeRequirementKeyIsAViolationToo() {
        ObjectNode schema = shipped();
        require(schema, "runtime_checks", 1).put("all_requests_fast", true);

        assertOnlyViolation(validate(schema), "run.txn_for_writes",
                "validation.runtime_checks[1].require.all_requests_fast");
    }

    @Test
    void aRegisteredRequirementKeyIsAccepted() {
        ObjectNode schema = shipped();
        require(schema, "load_time_checks", 5).put("frobnicate", true);
        RequirementRegistry registry = RequirementRegistry.defaults().with("frobnicate", context -> { });

        assertValid(new ConfigValidator(registry).validate(schema));
    }

    @Test
    void anEvaluatorThatThrowsFailsClosed() {
        RequirementRegistry registry = RequirementRegistry.defaults().with("unique", context -> {
            throw new IllegalStateException("boom");
        });

        ValidationReport report = new ConfigValidator(registry).validate(shipped());

        Fixtures.assertHasViolation(report, "val_unique_routes", "validation.load_time_checks[3].require.unique");
    }

    @Test
    void loadTimeCheckMustRejectConfig() {
        ObjectNode schema = shipped();
        obj(schema, "/validation/load_time_checks/0").put("on_fail", "warn");

        assertOnlyViolation(validate(schema), CheckIds.CHECK_SHAPE, "validation.load_time_checks[0].on_fail");
    }

    @Test
    void runtimeCheckMustAbortRequest() {
        ObjectNode schema = shipped();
        obj(schema, "/validation/runtime_checks/0").put("on_fail", "reject_config");

        assertOnlyViolation(validate(schema), CheckIds.CHECK_SHAPE, "validation.runtime_checks[0].on_fail");
    }

    @Test
    void checkIdsAreUnique() {
        ObjectNode schema = shipped();
        obj(schema, "/validation/runtime_checks/0").put("id", "val.ops_closed_world");

        assertOnlyViolation(validate(schema), CheckIds.CHECK_SHAPE, "validation.runtime_checks[0].id");
    }

    @Test
    void checkNeedsARequireObject() {
        ObjectNode schema = shipped();
        obj(schema, "/validation/load_time_checks/1").set("require", json("{}"));

        assertOnlyViolation(validate(schema), CheckIds.CHECK_SHAPE, "validation.load_time_checks[1].require");
    }

    @Test
    void checkListMustBeAnArray() {
        ObjectNode schema = shipped();
        obj(schema, "/validation").put("runtime_checks", "none");

        assertOnlyViolation(validate(schema), CheckIds.CHECK_SHAPE, "validation.runtime_checks");
    }

    @Test
    void checksAddedToTheSchemaAreEnforced() {
        ObjectNode schema = shipped();
        ((ArrayNode) schema.at("/validation/load_time_checks")).add(json(
                "{\"id\":\"val.gc_on\",\"require\":{\"equals\":[\"gc.enabled\",false]},"
                        + "\"on_fail\":\"reject_config\"}"));

        assertOnlyViolation(validate(schema), "val.gc_on", "gc.enabled");
    }
}
