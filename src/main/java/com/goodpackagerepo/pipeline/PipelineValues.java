package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Iterator;
import java.util.Map;

/** Conversions between pipeline values (JSON nodes, blobs, upstream responses) and JSON. */
public final class PipelineValues {
    private PipelineValues() {
    }

    /** A JSON node for a value; non-JSON values are carried as POJO nodes. */
    public static JsonNode toNode(Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String s) {
            return JsonNodeFactory.instance.textNode(s);
        }
        if (value instanceof Long l) {
            return JsonNodeFactory.instance.numberNode(l);
        }
        if (value instanceof Integer i) {
            return JsonNodeFactory.instance.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        return new POJONode(value);
    }

    /** The plain value: JSON nodes stay nodes, POJO nodes give their object, JSON null gives null. */
    public static Object unwrap(Object value) {
        if (value instanceof POJONode pojo) {
            return pojo.getPojo();
        }
        if (value instanceof JsonNode node && (node.isNull() || node.isMissingNode())) {
            return null;
        }
        return value;
    }

    public static boolean isNull(Object value) {
        return unwrap(value) == null;
    }

    /** True when the JSON tree holds no non-JSON value, i.e. it can be stored or sent as JSON. */
    public static boolean isPureJson(JsonNode node) {
        if (node instanceof POJONode) {
            return false;
        }
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                if (!isPureJson(it.next())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Text form of a value for string interpolation. */
    public static String text(Object value) {
        Object plain = unwrap(value);
        if (plain == null) {
            return "";
        }
        if (plain instanceof JsonNode node) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
        if (plain instanceof Map<?, ?> || plain instanceof Navigable) {
            return plain.toString();
        }
        return String.valueOf(plain);
    }
}
