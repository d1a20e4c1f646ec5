package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.validation.ValidationReport;
import com.goodpackagerepo.schema.RepositorySchema;

/**
 * One immutable revision of the repository schema with its validation report and its typed {@link RepositorySchema
 * model} (read once here; features read the model, not the JSON). The request path reads it from memory
 * ({@link ConfigService#current()}); nothing on that path goes to the database.
 */
public record RepositoryConfig(JsonNode schema, long revision, ValidationReport report, RepositorySchema model) {

    public RepositoryConfig(JsonNode schema, long revision, ValidationReport report) {
        this(schema, revision, report, RepositorySchema.read(schema));
    }

    /** A value by dotted path ("features.mutable_tags"), or a missing node. */
    public JsonNode at(String dottedPath) {
        JsonNode node = schema;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    public boolean feature(String name, boolean fallback) {
        JsonNode value = schema.path("features").path(name);
        return value.isBoolean() ? value.asBoolean() : fallback;
    }

    public JsonNode limits() {
        return schema.path("ops").path("limits");
    }

    public long limit(String name, long fallback) {
        JsonNode value = limits().path(name);
        return value.canConvertToLong() ? value.asLong() : fallback;
    }
}
