package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.schema.op.ArgType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Small comparisons and descriptions of JSON values used in checks and messages. */
final class JsonValues {

    private JsonValues() {
    }

    /** JSON equality where numbers compare by value ({@code 1} equals {@code 1.0}); missing equals nothing. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Whether {@code node} is an integral number within {@code min..max} (inclusive). */
    static boolean isIntegerIn(JsonNode node, long min, long max) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong()
                && node.longValue() >= min && node.longValue() <= max;
    }

    /** Whether {@code node} is a non-blank string. */
    static boolean isName(JsonNode node) {
        return ArgType.STRING.accepts(node);
    }

    /** Whether {@code node} is an array of strings (possibly empty). */
    static boolean isStringArray(JsonNode node) {
        return ArgType.STRING_ARRAY.accepts(node);
    }

    /** The value as it would read in a message: JSON text, or {@code missing}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** The member names of an object node (empty for anything else). */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return names;
    }
}
