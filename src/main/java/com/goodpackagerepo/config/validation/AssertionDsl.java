package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an invariant's {@code assert} expression. An expression is an object with exactly one
 * operator: {@code all: [..]}, {@code any: [..]}, {@code implies: [premise, conclusion]},
 * {@code equals: [path, literal]} or {@code route_requires: {routeId: [{op, args_contains}]}} (the
 * route's pipeline has such an op whose args hold those key/values). Anything else does not hold,
 * with a message saying why.
 */
final class AssertionDsl {

    /** Whether an expression holds, and why. */
    record Outcome(boolean holds, String message) {
    }

    private final JsonNode schema;

    AssertionDsl(JsonNode schema) {
        this.schema = schema;
    }

    Outcome evaluate(JsonNode expression, String path) {
        List<String> operators = JsonValues.fieldNames(expression);
        if (operators.size() != 1) {
            return new Outcome(false, "expression at " + path + " must have exactly one operator, has " + operators);
        }
        String operator = operators.get(0);
        JsonNode operand = expression.get(operator);
        String operandPath = SchemaPaths.child(path, operator);
        return switch (operator) {
            case "all" -> operand.isArray() ? all(operand, operandPath) : malformed(operator, operandPath);
            case "any" -> operand.isArray() ? any(operand, operandPath) : malformed(operator, operandPath);
            case "implies" -> operand.isArray() && operand.size() == 2
                    ? implies(operand, operandPath) : malformed(operator, operandPath);
            case "equals" -> operand.isArray() && operand.size() == 2 && operand.get(0).isTextual()
                    ? equalsAt(operand.get(0).asText(), operand.get(1)) : malformed(operator, operandPath);
            case "route_requires" -> operand.isObject()
                    ? new RouteRequirements(schema).evaluate(operand, operandPath) : malformed(operator, operandPath);
            default -> new Outcome(false, "unknown assertion operator \"" + operator + "\" at " + path);
        };
    }

    private Outcome all(JsonNode operands, String path) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Outcome outcome = evaluate(operands.get(i), SchemaPaths.index(path, i));
            if (!outcome.holds()) {
                failures.add(outcome.message());
            }
        }
        return failures.isEmpty()
                ? new Outcome(true, "all " + operands.size() + " conditions hold")
                : new Outcome(false, String.join("; ", failures));
    }

    private Outcome any(JsonNode operands, String path) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Outcome outcome = evaluate(operands.get(i), SchemaPaths.index(path, i));
            if (outcome.holds()) {
                return outcome;
            }
            failures.add(outcome.message());
        }
        return new Outcome(false, "none of the alternatives hold: " + String.join("; ", failures));
    }

    private Outcome implies(JsonNode operands, String path) {
        Outcome premise = evaluate(operands.get(0), path + "[0]");
        if (!premise.holds()) {
            return new Outcome(true, "premise does not hold (" + premise.message() + ")");
        }
        Outcome conclusion = evaluate(operands.get(1), path + "[1]");
        return conclusion.holds()
                ? conclusion
                : new Outcome(false, "premise holds (" + premise.message() + ") but " + conclusion.message());
    }

    private Outcome equalsAt(String path, JsonNode expected) {
        JsonNode actual;
        try {
            actual = SchemaPaths.resolve(schema, path);
        } catch (IllegalArgumentException e) {
            return new Outcome(false, e.getMessage());
        }
        return JsonValues.same(actual, expected)
                ? new Outcome(true, path + " is " + JsonValues.describe(actual))
                : new Outcome(false, path + " is " + JsonValues.describe(actual)
                        + ", expected " + JsonValues.describe(expected));
    }

    private static Outcome malformed(String operator, String path) {
        return new Outcome(false, "malformed \"" + operator + "\" at " + path);
    }

    /** {@code route_requires}: each named route's pipeline contains each required op. */
    private record RouteRequirements(JsonNode schema) {

        Outcome evaluate(JsonNode byRoute, String path) {
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : byRoute.properties()) {
                JsonNode pipeline = findRoutePipeline(entry.getKey());
                if (!entry.getValue().isArray()) {
                    failures.add("malformed requirements at " + SchemaPaths.child(path, entry.getKey()));
                } else if (pipeline == null) {
                    failures.add("route \"" + entry.getKey() + "\" does not exist");
                } else {
                    for (JsonNode required : entry.getValue()) {
                        if (!contains(pipeline, required)) {
                            failures.add("route \"" + entry.getKey() + "\" has no " + required.path("op").asText()
                                    + " with args " + JsonValues.describe(required.path("args_contains")));
                        }
                    }
                }
            }
            return failures.isEmpty()
                    ? new Outcome(true, "required ops are present")
                    : new Outcome(false, String.join("; ", failures));
        }

        private JsonNode findRoutePipeline(String routeId) {
            for (JsonNode route : schema.path("api").path("routes")) {
                if (routeId.equals(route.path("id").asText(null)) && route.path("pipeline").isArray()) {
                    return route.get("pipeline");
                }
            }
            return null;
        }

        private static boolean contains(JsonNode pipeline, JsonNode required) {
            String op = required.path("op").asText(null);
            JsonNode argsContains = required.path("args_contains");
            for (JsonNode entry : pipeline) {
                boolean sameOp = op != null && op.equals(entry.path("op").asText(null));
                if (sameOp && argsHold(entry.path("args"), argsContains)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean argsHold(JsonNode args, JsonNode argsContains) {
            for (Map.Entry<String, JsonNode> expected : argsContains.properties()) {
                if (!JsonValues.same(args.path(expected.getKey()), expected.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }
}
