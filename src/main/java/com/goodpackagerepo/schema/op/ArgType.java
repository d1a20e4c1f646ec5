package com.goodpackagerepo.schema.op;

import com.fasterxml.jackson.databind.JsonNode;

/** What a required op argument must look like. */
public enum ArgType {
    /** A non-blank string (a name, template or {@code $variable}). */
    STRING("a non-empty string"),
    /** An array of strings. */
    STRING_ARRAY("an array of strings"),
    /** Any value but null. */
    ANY("present and not null"),
    /** An integer HTTP status in 100..599. */
    STATUS("an integer HTTP status in 100..599"),
    /** An embedded JSON Schema (an object or a boolean). */
    JSON_SCHEMA("a JSON Schema (an object or a boolean)");

    private final String description;

    ArgType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean accepts(JsonNode value) {
        return switch (this) {
            case STRING -> value != null && value.isTextual() && !value.asText().isBlank();
            case STRING_ARRAY -> value != null && value.isArray() && allText(value);
            case ANY -> value != null && !value.isMissingNode() && !value.isNull();
            case STATUS -> value != null && value.isIntegralNumber() && value.canConvertToLong()
                    && value.longValue() >= 100 && value.longValue() <= 599;
            case JSON_SCHEMA -> value != null && (value.isObject() || value.isBoolean());
        };
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
