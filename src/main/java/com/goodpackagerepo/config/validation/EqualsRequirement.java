package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code equals: [path, value]}: the value at the dotted {@code path} (e.g. {@code ops.closed_world})
 * equals {@code value}. A violation is reported at {@code path}.
 */
final class EqualsRequirement implements RequirementEvaluator {

    @Override
    public void evaluate(RequirementContext context) {
        JsonNode argument = context.argument();
        if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
            context.report(context.argumentPath(), "must be [path, value]");
            return;
        }
        String path = argument.get(0).asText();
        JsonNode actual;
        try {
            actual = SchemaPaths.resolve(context.schema(), path);
        } catch (IllegalArgumentException e) {
            context.report(context.argumentPath() + "[0]", e.getMessage());
            return;
        }
        JsonNode expected = argument.get(1);
        if (!JsonValues.same(actual, expected)) {
            context.report(path, "must be " + JsonValues.describe(expected) + ", was " + JsonValues.describe(actual));
        }
    }
}
