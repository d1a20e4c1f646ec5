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
}
