package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape every pipeline must have: a non-empty array of objects, each with a non-empty string
 * {@code op} and, optionally, an object {@code args} (absent means {@code {}}). Other members of an
 * op entry, such as {@code comment}, are ignored.
 */
final class PipelineShape {

    private PipelineShape() {
    }

    static void check(JsonNode pipeline, String path, Reporter reporter) {
        if (!pipeline.isArray() || pipeline.isEmpty()) {
            reporter.report(path, "must be a non-empty array of ops, was " + JsonValues.describe(pipeline));
            return;
        }
        for (int k = 0; k < pipeline.size(); k++) {
            JsonNode entry = pipeline.get(k);
            String entryPath = SchemaPaths.index(path, k);
            if (!entry.isObject()) {
                reporter.report(entryPath, "must be an object with \"op\" and \"args\"");
                continue;
            }
            if (!JsonValues.isName(entry.path("op"))) {
                reporter.report(entryPath + ".op", "must be a non-empty string");
            }
            if (entry.has("args") && !entry.get("args").isObject()) {
                reporter.report(entryPath + ".args", "must be an object");
            }
        }
    }
}
