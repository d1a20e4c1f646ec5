package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One of {@code storage.documents}.
 *
 * @param declaredRole the role named by its {@code role} member, or null (the model may still derive one)
 * @param properties   the property names of its JSON Schema ({@code storage.schemas.<schema>.properties}),
 *                     empty when that schema is not declared
 * @param jsonSchema   that JSON Schema, which {@code kv.put} checks documents against; null when not declared
 */
public record DocumentDef(String name, String store, KeyTemplate key, String schemaName, DocumentRole declaredRole,
                          Set<String> properties, JsonNode jsonSchema) {
}
