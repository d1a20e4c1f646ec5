package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** val.json_schemas: document and event schemas. */
class JsonSchemasTest {

    @Test
    void aStricterDocumentSchemaPasses() {
        ObjectNode schema = shipped();
        obj(schema, "/storage/schemas/TagMapV1").put("additionalProperties", false);

        assertValid(validate(schema));
    }

    @Test
    void anInvalidDocumentSchemaIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/storage/schemas/TagMapV1/properties/tag").put("type", 12);

        assertOnlyViolation(validate(schema), CheckIds.JSON_SCHEMAS, "storage.schemas.TagMapV1");
    }

    @Test
    void anInvalidEventSchemaIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/events/types/1/schema").put("minProperties", -1);

        assertOnlyViolation(validate(schema), CheckIds.JSON_SCHEMAS, "events.types[1].schema");
    }

    @Test
    void syntaxProblemsAreFewAndReadable() {
        var problems = JsonSchemaSyntax.problems(json("3"));

        assertEquals(1, problems.size());
        assertFalse(JsonSchemaSyntax.problems(json("{\"type\":\"strin\"}")).isEmpty());
        assertEquals(0, JsonSchemaSyntax.problems(json("{\"type\":\"string\"}")).size());
    }
}
