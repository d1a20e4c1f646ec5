package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.idsAndPaths;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.op;
import static com.goodpackagerepo.config.validation.Fixtures.pipeline;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ops.limits.max_pipeline_ops. */
class PipelineLimitTest {

    private static final String CHECK = CheckIds.MAX_PIPELINE_OPS;

    private static void padTo(ArrayNode pipeline, int size) {
        while (pipeline.size() < size) {
            pipeline.insert(0, op("parse.query", "{}"));
        }
    }

    @Test
    void aPipelineAtTheLimitPasses() {
        ObjectNode schema = shipped();
        padTo(pipeline(schema, 3), 128);

        assertValid(validate(schema));
    }

    @Test
    void aPipelineOverTheLimitIsRejected() {
        ObjectNode schema = shipped();
        padTo(pipeline(schema, 3), 129);

        assertOnlyViolation(validate(schema), CHECK, "api.routes[3].pipeline");
    }

    @Test
    void aLowerLimitRejectsEveryLongerPipeline() {
        ObjectNode schema = shipped();
        obj(schema, "/ops/limits").put("max_pipeline_ops", 13); // route 0 has exactly 13 ops

        assertEquals(List.of(CHECK + " at api.routes[2].pipeline", CHECK + " at api.routes[4].pipeline"),
                idsAndPaths(validate(schema)));
    }

    @Test
    void applyPipelinesAreLimitedToo() {
        ObjectNode schema = shipped();
        obj(schema, "/ops/limits").put("max_pipeline_ops", 3);

        List<String> found = idsAndPaths(validate(schema));

        // every shipped apply pipeline is longer than 3 ops, and each is reported after the 5 routes
        List<String> applies = new java.util.ArrayList<>();
        schema.path("replication").path("apply_pipelines").fieldNames()
                .forEachRemaining(name -> applies.add(CHECK + " at replication.apply_pipelines." + name));
        assertEquals(6, applies.size(), applies::toString);
        assertEquals(applies, found.subList(5, found.size()));
    }

    @Test
    void theLimitMustBeAPositiveInteger() {
        ObjectNode schema = shipped();
        obj(schema, "/ops/limits").put("max_pipeline_ops", 0);

        assertOnlyViolation(validate(schema), CHECK, "ops.limits.max_pipeline_ops");
    }
}
