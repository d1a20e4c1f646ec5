package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** val.document_roles: a schema in which the catalog, GC, the blob cache or the built-in routes lack a role is refused. */
class DocumentRolesTest {

    @Test
    void aSchemaWithoutATagDocumentIsRefusedWithAClearMessage() {
        ObjectNode schema = shipped();
        ObjectNode tagSchema = (ObjectNode) schema.at("/storage/schemas/TagMapV1/properties");
        tagSchema.remove("target_key");
        ((ObjectNode) schema.at("/replication/apply_pipelines/apply_tag_updated/1/args/value")).remove("target_key");
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.at("/storage/schemas/TagMapV1/required"))
                .removeAll().add("namespace");

        ValidationReport report = validate(schema);

        assertOnlyViolation(report, CheckIds.DOCUMENT_ROLES, "storage.documents");
        assertTrue(report.violations().get(0).message().contains("no document has role tag"),
                report.violations().get(0).message());
    }

    @Test
    void anExplicitRoleOnARenamedDocumentIsAccepted() {
        ObjectNode schema = shipped();
        ObjectNode documents = (ObjectNode) schema.at("/storage/documents");
        documents.set("labels", documents.remove("tag_map"));
        ((ObjectNode) documents.get("labels")).put("role", "tag");
        ((ObjectNode) schema.at("/indexes/tags")).put("source_document", "labels");
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.at("/gc/sweep/mark/sources")).set(1,
                com.fasterxml.jackson.databind.node.TextNode.valueOf("labels"));
        String text = schema.toString().replace("\"doc\":\"tag_map\"", "\"doc\":\"labels\"");

        assertTrue(validate(Fixtures.json(text)).violations().isEmpty(), validate(Fixtures.json(text)).toString());
    }
}
