package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops.limits budgets and the runtime checks abort the request and leave nothing written. */
class BudgetAndRuntimeChecksTest {
    @TempDir
    Path dir;

    @Test
    void ioBudgetAbortsAndRollsBack() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ((ObjectNode) schema.at("/ops/limits")).put("max_io_ops_per_request", 2);
        try (PipelineHarness harness = new PipelineHarness(dir, schema)) {
            PipelineResult.Failure r = assertInstanceOf(PipelineResult.Failure.class,
                    harness.run("PUT", "/v1/a/b/1.0.0/x/blob", PipelineHarness.WRITER, "x"));
            assertEquals(503, ErrorStatus.of(r.error().code()));
            assertEquals("BUDGET_EXCEEDED", r.error().code().name());
            assertTrue(harness.stores().metadata().get("artifact/a/b/1.0.0/x").isEmpty());
            assertEquals(0, harness.stores().metadata().length());
        }
    }

    @Test
    void cpuBudgetCountsOpTime() {
        RequestBudget budget = new RequestBudget(1, 0);
        budget.chargeCpu(500_000);
        DomainException e = assertThrows(DomainException.class, () -> budget.chargeCpu(600_000));
        assertEquals("BUDGET_EXCEEDED", e.code().name());
        new RequestBudget(0, 0).chargeCpu(Long.MAX_VALUE / 2);
    }

    @Test
    void unverifiedBlobAbortsTheCommit() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ArrayNode pipeline = (ArrayNode) schema.at("/api/routes/0/pipeline");
        pipeline.remove(6); // blob.verify_digest (the schema check would refuse this at load; run it anyway)
        try (PipelineHarness harness = new PipelineHarness(dir, schema)) {
            PipelineResult.Failure r = assertInstanceOf(PipelineResult.Failure.class,
                    harness.run("PUT", "/v1/a/b/1.0.0/x/blob", PipelineHarness.WRITER, "x"));
            assertEquals("RUNTIME_CHECK_FAILED", r.error().code().name());
            assertTrue(harness.stores().metadata().get("artifact/a/b/1.0.0/x").isEmpty());
        }
    }

    @Test
    void writesOutsideATransactionAreRefused() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ArrayNode pipeline = (ArrayNode) schema.at("/api/routes/2/pipeline");
        assertEquals("txn.begin", pipeline.get(6).path("op").asText());
        pipeline.remove(6);
        for (int i = 0; i < pipeline.size(); i++) {
            if (pipeline.get(i).path("op").asText().equals("txn.commit")) {
                pipeline.remove(i);
                break;
            }
        }
        try (PipelineHarness harness = new PipelineHarness(dir, schema)) {
            harness.run("PUT", "/v1/a/b/1.0.0/x/blob", PipelineHarness.WRITER, "x");
            PipelineResult.Failure r = assertInstanceOf(PipelineResult.Failure.class, harness.run("PUT", "/v1/a/b/tags/t",
                    PipelineHarness.WRITER, "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}"));
            assertEquals("RUNTIME_CHECK_FAILED", r.error().code().name());
            assertTrue(harness.stores().metadata().get("tag/a/b/t").isEmpty());
        }
    }

    @Test
    void pipelineWithoutResponseIsAnInternalError() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ArrayNode pipeline = (ArrayNode) schema.at("/api/routes/3/pipeline");
        pipeline.remove(pipeline.size() - 1);
        try (PipelineHarness harness = new PipelineHarness(dir, schema)) {
            harness.run("PUT", "/v1/a/b/1.0.0/x/blob", PipelineHarness.WRITER, "x");
            PipelineResult.Failure r = assertInstanceOf(PipelineResult.Failure.class,
                    harness.run("GET", "/v1/a/b/latest", PipelineHarness.READER, null));
            assertEquals(500, ErrorStatus.of(r.error().code()));
        }
        assertTrue(Json.object().isEmpty());
    }
}
