package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippedSchemaTest {

    @Test
    void shippedSchemaHasNoViolations() {
        ValidationReport report = validate(shipped());

        assertTrue(report.isValid(), report::summary);
        assertEquals(List.of(), report.violations());
    }

    @Test
    void onlyLatestMonotonicDoesNotHold() {
        ValidationReport report = validate(shipped());

        assertEquals(List.of("inv.cas_identity", "inv.immutability", "inv.latest_monotonic"),
                report.invariants().stream().map(InvariantResult::id).toList());
        assertEquals(List.of("inv.latest_monotonic"),
                report.failedInvariants().stream().map(InvariantResult::id).toList());
        InvariantResult latest = report.failedInvariants().get(0);
        assertEquals(null, latest.onFail());
        assertFalse(latest.rejectsConfig());
        assertTrue(latest.message().contains("features.mutable_tags is true"), latest.message());
    }

    @Test
    void requireValidPassesTheShippedSchema() {
        ValidationReport report = validate(shipped());

        assertEquals(report, report.requireValid());
    }

    @Test
    void requireValidRefusesAnInvalidSchemaNamingCheckAndPath() {
        var schema = shipped();
        ((ObjectNode) Fixtures.pipeline(schema, 3).get(2)).put("op", "shell.exec");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> validate(schema).requireValid());

        assertTrue(e.getMessage().contains("val.pipeline_ops_allowed at api.routes[3].pipeline[2].op"), e.getMessage());
        assertFalse(e.report().isValid());
    }

    @Test
    void rootMustBeAnObject() {
        assertOnlyViolation(validate(Fixtures.json("[]")), CheckIds.SCHEMA_SHAPE, "$");
        assertOnlyViolation(new ConfigValidator().validate(null), CheckIds.SCHEMA_SHAPE, "$");
    }

    @Test
    void emptyObjectIsReportedNotThrown() {
        ValidationReport report = validate(Fixtures.json("{}"));

        assertOnlyViolation(report, CheckIds.ROUTE_SHAPE, "api.routes");
    }
}
