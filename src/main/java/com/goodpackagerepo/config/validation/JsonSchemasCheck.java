package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@value CheckIds#JSON_SCHEMAS}: the document schemas under {@code storage.schemas} and the event
 * payload schemas under {@code events.types[].schema} are valid JSON Schemas (see
 * {@link JsonSchemaSyntax}).
 */
final class JsonSchemasCheck implements SchemaCheck {

    @Override
    public String id() {
        return CheckIds.JSON_SCHEMAS;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        for (Map.Entry<String, JsonNode> e : schema.path("storage").path("schemas").properties()) {
            JsonSchemaSyntax.check(e.getValue(), SchemaPaths.child("storage.schemas", e.getKey()), reporter);
        }
        JsonNode types = schema.path("events").path("types");
        for (int i = 0; types.isArray() && i < types.size(); i++) {
            if (types.get(i).has("schema")) {
                String path = SchemaPaths.index("events.types", i) + ".schema";
                JsonSchemaSyntax.check(types.get(i).get("schema"), path, reporter);
            }
        }
    }
}
