package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Checks the optional {@code when} argument of an op: an object with exactly one of
 * {@code equals: [a, b]}, {@code not_in: [value, [candidates]]}, {@code is_null},
 * {@code is_not_null} or {@code is_empty} (each of the last three naming a value, e.g. {@code "$meta"}).
 */
final class WhenCondition {

    static final List<String> OPERATORS = List.of("equals", "is_null", "is_not_null", "is_empty", "not_in");

    private static final Set<String> UNARY = Set.of("is_null", "is_not_null", "is_empty");

    private WhenCondition() {
    }

    static void check(JsonNode when, String path, Reporter reporter) {
        List<String> keys = JsonValues.fieldNames(when);
        if (!when.isObject() || keys.size() != 1 || !OPERATORS.contains(keys.get(0))) {
            reporter.report(path, "must be an object with exactly one of " + OPERATORS
                    + (when.isObject() ? ", has " + keys : ", was " + JsonValues.describe(when)));
            return;
        }
        String operator = keys.get(0);
        JsonNode operand = when.get(operator);
        String operandPath = SchemaPaths.child(path, operator);
        if (UNARY.contains(operator) && !JsonValues.isName(operand)) {
            reporter.report(operandPath, "must be a string naming a value, e.g. \"$meta\"");
        } else if ("equals".equals(operator) && !(operand.isArray() && operand.size() == 2)) {
            reporter.report(operandPath, "must be a two-element array [left, right]");
        } else if ("not_in".equals(operator)
                && !(operand.isArray() && operand.size() == 2 && operand.get(1).isArray())) {
            reporter.report(operandPath, "must be [value, [candidates...]]");
        }
    }
}
