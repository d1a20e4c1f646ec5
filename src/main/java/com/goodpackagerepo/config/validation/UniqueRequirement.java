package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code unique: [pattern, ...]}: the values each {@link PathPattern} selects (e.g.
 * {@code api.routes[].id}, {@code indexes.*.keys[].name}) are distinct across the whole pattern; each
 * repeat is reported at its own path. A pattern whose fixed prefix does not exist is reported too, so
 * a typo cannot silently switch the check off.
 */
final class UniqueRequirement implements RequirementEvaluator {

    @Override
    public void evaluate(RequirementContext context) {
        JsonNode argument = context.argument();
        if (argument.isTextual()) {
            checkPattern(context, argument.asText(), context.argumentPath());
            return;
        }
        if (!argument.isArray() || argument.isEmpty()) {
            context.report(context.argumentPath(), "must be a non-empty array of path patterns");
            return;
        }
        for (int i = 0; i < argument.size(); i++) {
            checkPattern(context, argument.get(i).asText(), SchemaPaths.index(context.argumentPath(), i));
        }
    }

    private static void checkPattern(RequirementContext context, String text, String argumentPath) {
        PathPattern pattern;
        try {
            pattern = PathPattern.parse(text);
        } catch (IllegalArgumentException e) {
            context.report(argumentPath, e.getMessage());
            return;
        }
        String prefix = pattern.fixedPrefix();
        if (!prefix.isEmpty() && SchemaPaths.resolve(context.schema(), prefix).isMissingNode()) {
            context.report(argumentPath, "\"" + prefix + "\" does not exist in the schema");
            return;
        }
        Map<String, String> firstPathByValue = new HashMap<>();
        for (PathPattern.Match match : pattern.matches(context.schema())) {
            String value = match.node().isTextual() ? match.node().asText() : match.node().toString();
            String first = firstPathByValue.putIfAbsent(value, match.path());
            if (first != null) {
                context.report(match.path(), "duplicate value \"" + value + "\" (first at " + first + ")");
            }
        }
    }
}
