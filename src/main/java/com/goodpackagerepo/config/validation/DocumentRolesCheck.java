package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.schema.SchemaRoles;

/** Refuses a schema in which a feature could not find the document (role) or index it relies on. */
final class DocumentRolesCheck implements SchemaCheck {

    @Override
    public String id() {
        return CheckIds.DOCUMENT_ROLES;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        SchemaRoles.problems(schema, RepositorySchema.read(schema)).forEach(p -> reporter.report(p.path(), p.message()));
    }
}
