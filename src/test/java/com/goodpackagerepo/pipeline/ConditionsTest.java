package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.goodpackagerepo.json.Json;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private final PipelineContext ctx = TestContexts.context(null);

    private boolean holds(String when) {
        return Conditions.holds(Json.parse(when), ctx);
    }

    @Test
    void equalsComparesResolvedValues() {
        ctx.set("cache_hit", BooleanNode.TRUE);
        assertTrue(holds("{\"equals\":[\"$cache_hit\",true]}"));
        ctx.set("cache_hit", BooleanNode.FALSE);
        assertFalse(holds("{\"equals\":[\"$cache_hit\",true]}"));
        assertFalse(holds("{\"equals\":[\"$unset\",true]}"));
    }

    @Test
    void nullChecks() {
        assertTrue(holds("{\"is_null\":\"$meta\"}"));
        assertFalse(holds("{\"is_not_null\":\"$meta\"}"));
        ctx.set("meta", Json.parse("{}"));
        assertFalse(holds("{\"is_null\":\"$meta\"}"));
        assertTrue(holds("{\"is_not_null\":\"$meta\"}"));
        ctx.set("meta", Json.parse("null"));
        assertTrue(holds("{\"is_null\":\"$meta\"}"));
    }

    @Test
    void emptiness() {
        assertTrue(holds("{\"is_empty\":\"$rows\"}"));
        ctx.set("rows", Json.parse("[]"));
        assertTrue(holds("{\"is_empty\":\"$rows\"}"));
        ctx.set("rows", Json.parse("[1]"));
        assertFalse(holds("{\"is_empty\":\"$rows\"}"));
        ctx.set("rows", Json.parse("\"\""));
        assertTrue(holds("{\"is_empty\":\"$rows\"}"));
    }

    @Test
    void notInComparesNumbersByValue() {
        ctx.set("status", IntNode.valueOf(200));
        assertFalse(holds("{\"not_in\":[\"$status\",[200]]}"));
        assertFalse(holds("{\"not_in\":[\"$status\",[200.0, 201]]}"));
        ctx.set("status", IntNode.valueOf(502));
        assertTrue(holds("{\"not_in\":[\"$status\",[200]]}"));
    }

    @Test
    void noConditionHolds() {
        assertTrue(Conditions.holds(null, ctx));
    }
}
