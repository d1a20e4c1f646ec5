package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Evaluates an op's {@code when}: {@code equals [a, b]}, {@code is_null x}, {@code is_not_null x},
 * {@code is_empty x} (null, "", [] or {}), {@code not_in [x, [values...]]}. An op whose condition is false
 * is skipped.
 */
public final class Conditions {
    private Conditions() {
    }

    public static boolean holds(JsonNode when, PipelineContext ctx) {
        if (when == null || when.isMissingNode() || when.isNull()) {
            return true;
        }
        Map.Entry<String, JsonNode> test = when.fields().next();
        JsonNode operand = test.getValue();
        return switch (test.getKey()) {
            case "equals" -> same(Interpolator.resolve(operand.get(0), ctx), Interpolator.resolve(operand.get(1), ctx));
            case "is_null" -> PipelineValues.isNull(Interpolator.resolve(operand, ctx));
            case "is_not_null" -> !PipelineValues.isNull(Interpolator.resolve(operand, ctx));
            case "is_empty" -> isEmpty(PipelineValues.unwrap(Interpolator.resolve(operand, ctx)));
            case "not_in" -> notIn(Interpolator.resolve(operand.get(0), ctx), Interpolator.resolveNode(operand.get(1), ctx));
            default -> throw new IllegalStateException("unknown condition " + test.getKey());
        };
    }

    static boolean same(Object a, Object b) {
        Object x = PipelineValues.unwrap(a);
        Object y = PipelineValues.unwrap(b);
        if (x == null || y == null) {
            return x == y;
        }
        if (x instanceof JsonNode nx && y instanceof JsonNode ny) {
            if (nx.isNumber() && ny.isNumber()) {
                return nx.decimalValue().compareTo(ny.decimalValue()) == 0;
            }
            return nx.equals(ny);
        }
        return x.equals(y);
    }

    private static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof JsonNode node) {
            return node.isContainerNode() ? node.isEmpty() : node.isTextual() && node.asText().isEmpty();
        }
        return false;
    }

    private static boolean notIn(Object value, JsonNode list) {
        if (list == null || !list.isArray()) {
            return true;
        }
        for (JsonNode candidate : list) {
            if (same(value, candidate)) {
                return false;
            }
        }
        return true;
    }
}
