package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.args;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** invariants.global: the assertion DSL and on_fail handling. */
class InvariantEvaluatorTest {

    private static boolean holds(String assertion) {
        return new AssertionDsl(shipped()).evaluate(json(assertion), "test").holds();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"equals\":[\"gc.enabled\",true]}                                          | true",
        "{\"equals\":[\"gc.retention.keep_last_n_versions\",50.0]}                   | true",
        "{\"equals\":[\"gc.enabled\",false]}                                         | false",
        "{\"equals\":[\"gc.nothing\",null]}                                          | false",
        "{\"all\":[]}                                                                | true",
        "{\"all\":[{\"equals\":[\"gc.enabled\",true]},{\"equals\":[\"gc.enabled\",false]}]} | false",
        "{\"any\":[{\"equals\":[\"gc.enabled\",false]},{\"equals\":[\"gc.enabled\",true]}]} | true",
        "{\"any\":[]}                                                                | false",
        "{\"implies\":[{\"equals\":[\"gc.enabled\",false]},{\"any\":[]}]}             | true",
        "{\"implies\":[{\"equals\":[\"gc.enabled\",true]},{\"any\":[]}]}              | false",
        "{\"route_requires\":{\"set_tag\":[{\"op\":\"kv.put\",\"args_contains\":{\"doc\":\"tag_map\"}}]}} | true",
        "{\"route_requires\":{\"set_tag\":[{\"op\":\"kv.put\",\"args_contains\":{\"doc\":\"other\"}}]}}   | false",
        "{\"route_requires\":{\"set_tag\":[{\"op\":\"txn.begin\"}]}}                  | true",
        "{\"route_requires\":{\"no_such_route\":[{\"op\":\"txn.begin\"}]}}            | false",
        "{\"route_requires\":{\"set_tag\":{\"op\":\"txn.begin\"}}}                    | false",
        "{\"implies\":[{\"equals\":[\"gc.enabled\",true]}]}                           | false",
        "{\"xor\":[]}                                                                | false",
        "{\"all\":[],\"any\":[]}                                                     | false",
        "{}                                                                          | false"})
    void theDslEvaluates(String assertion, boolean expected) {
        assertEquals(expected, holds(assertion));
    }

    @Test
    void anUnknownOperatorDoesNotHoldAndSaysWhy() {
        AssertionDsl.Outcome outcome = new AssertionDsl(shipped()).evaluate(json("{\"xor\":[]}"), "assert");

        assertFalse(outcome.holds());
        assertTrue(outcome.message().contains("unknown assertion operator \"xor\""), outcome.message());
    }

    @Test
    void aFailingInvariantWithoutOnFailIsOnlyAWarning() {
        ObjectNode schema = shipped();
        args(schema, 0, 8).remove("if_absent");

        ValidationReport report = validate(schema);

        assertValid(report);
        assertEquals(List.of("inv.immutability", "inv.latest_monotonic"),
                report.failedInvariants().stream().map(InvariantResult::id).toList());
    }

    @Test
    void aFailingInvariantThatRejectsConfigIsAViolationUnderItsId() {
        ObjectNode schema = shipped();
        obj(schema, "/invariants/global/2").put("on_fail", "reject_config");

        assertOnlyViolation(validate(schema), "inv.latest_monotonic", "invariants.global[2].assert");
    }

    @Test
    void aHoldingInvariantThatRejectsConfigPasses() {
        ObjectNode schema = shipped();
        obj(schema, "/invariants/global/2").put("on_fail", "reject_config");
        obj(schema, "/features").put("mutable_tags", false);

        ValidationReport report = validate(schema);

        assertValid(report);
        assertTrue(report.failedInvariants().isEmpty());
    }

    @Test
    void anUnknownOnFailIsMalformed() {
        ObjectNode schema = shipped();
        obj(schema, "/invariants/global/0").put("on_fail", "page_someone");

        assertOnlyViolation(validate(schema), CheckIds.INVARIANT_SHAPE, "invariants.global[0].on_fail");
    }

    @Test
    void duplicateAndMissingIdsAreMalformed() {
        ObjectNode schema = shipped();
        obj(schema, "/invariants/global/1").put("id", "inv.cas_identity");
        arr(schema, "/invariants/global").add(json("{\"assert\":{\"all\":[]}}"));

        assertEquals(List.of(CheckIds.INVARIANT_SHAPE + " at invariants.global[1].id",
                CheckIds.INVARIANT_SHAPE + " at invariants.global[3].id"), Fixtures.idsAndPaths(validate(schema)));
    }

    @Test
    void aMissingAssertIsMalformedAndDoesNotHold() {
        ObjectNode schema = shipped();
        obj(schema, "/invariants/global/0").remove("assert");

        ValidationReport report = validate(schema);

        assertOnlyViolation(report, CheckIds.INVARIANT_SHAPE, "invariants.global[0].assert");
        assertFalse(report.invariants().get(0).holds());
    }

    @Test
    void theEvaluatorCanBeUsedOnItsOwn() {
        List<InvariantResult> results = new InvariantEvaluator().evaluate(shipped());

        assertEquals(3, results.size());
        assertTrue(results.get(2).description().startsWith("If latest_policy.monotonic is true"));
    }
}
