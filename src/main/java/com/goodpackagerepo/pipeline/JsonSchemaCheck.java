package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.stream.Collectors;

/** A compiled JSON Schema (draft 2020-12) from the configuration, checked against pipeline values. */
public final class JsonSchemaCheck {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final JsonSchema schema;

    public JsonSchemaCheck(JsonNode schemaNode) {
        this.schema = FACTORY.getSchema(schemaNode);
    }

    /** Null when the value conforms, else a readable list of what is wrong. */
    public String problems(JsonNode value) {
        Set<ValidationMessage> messages = schema.validate(value);
        if (messages.isEmpty()) {
            return null;
        }
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
