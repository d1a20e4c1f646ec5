package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@value CheckIds#PIPELINE_SHAPE}: {@code replication.apply_pipelines}, when present, maps names to
 * well-formed pipelines (see {@link PipelineShape}). Route pipelines are covered by
 * {@link RouteShapeCheck}.
 */
final class ApplyPipelineShapeCheck implements SchemaCheck {

    private static final String PATH = "replication.apply_pipelines";

    @Override
    public String id() {
        return CheckIds.PIPELINE_SHAPE;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        JsonNode pipelines = schema.path("replication").path("apply_pipelines");
        if (pipelines.isMissingNode()) {
            return;
        }
        if (!pipelines.isObject()) {
            reporter.report(PATH, "must be an object mapping names to pipelines");
            return;
        }
        for (Map.Entry<String, JsonNode> e : pipelines.properties()) {
            PipelineShape.check(e.getValue(), SchemaPaths.child(PATH, e.getKey()), reporter);
        }
    }
}
