package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@value CheckIds#MAX_PIPELINE_OPS}: when {@code ops.limits.max_pipeline_ops} is set it must be a
 * positive integer, and no route or apply pipeline may have more ops than it. When it is not set,
 * pipeline length is not limited.
 */
final class PipelineLimitCheck implements SchemaCheck {

    private static final String LIMIT_PATH = "ops.limits.max_pipeline_ops";

    @Override
    public String id() {
        return CheckIds.MAX_PIPELINE_OPS;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        JsonNode limit = SchemaPaths.resolve(schema, LIMIT_PATH);
        if (limit.isMissingNode()) {
            return;
        }
        if (!JsonValues.isIntegerIn(limit, 1, Integer.MAX_VALUE)) {
            reporter.report(LIMIT_PATH, "must be a positive integer, was " + JsonValues.describe(limit));
            return;
        }
        for (Pipelines.Pipeline pipeline : Pipelines.all(schema)) {
            if (pipeline.node().size() > limit.longValue()) {
                reporter.report(pipeline.path(), "has " + pipeline.node().size() + " ops, more than the "
                        + LIMIT_PATH + " of " + limit.longValue());
            }
        }
    }
}
