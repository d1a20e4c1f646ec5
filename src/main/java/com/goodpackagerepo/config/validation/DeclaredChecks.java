package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the checks a schema declares under {@code validation}: each {@code load_time_checks} entry
 * (which must say {@code on_fail: reject_config}) and each {@code runtime_checks} entry (which must say
 * {@code on_fail: abort_request}; it is decided statically here, since a pipeline that breaks it would
 * abort every request it serves). Each key of an entry's {@code require} object is evaluated by the
 * {@link RequirementRegistry}; a key it does not know is a violation under the entry's id (closed
 * world). Malformed entries are reported as {@value CheckIds#CHECK_SHAPE} and not evaluated.
 */
final class DeclaredChecks {

    private record Section(String key, String onFail) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("load_time_checks", "reject_config"),
            new Section("runtime_checks", "abort_request"));

    private final RequirementRegistry registry;

    DeclaredChecks(RequirementRegistry registry) {
        this.registry = registry;
    }

    void run(JsonNode schema, Violations out) {
        JsonNode validation = schema.path("validation");
        if (!validation.isMissingNode() && !validation.isObject()) {
            out.add(CheckIds.CHECK_SHAPE, "validation", "must be an object");
            return;
        }
        Set<String> seenIds = new HashSet<>();
        for (Section section : SECTIONS) {
            JsonNode checks = validation.path(section.key());
            String listPath = "validation." + section.key();
            if (!checks.isMissingNode() && !checks.isArray()) {
                out.add(CheckIds.CHECK_SHAPE, listPath, "must be an array of checks");
                continue;
            }
            for (int i = 0; i < checks.size(); i++) {
                String path = SchemaPaths.index(listPath, i);
                if (isWellFormed(checks.get(i), path, section, seenIds, out)) {
                    evaluate(schema, checks.get(i), path, out);
                }
            }
        }
    }

    private static boolean isWellFormed(JsonNode check, String path, Section section, Set<String> seenIds,
                                        Violations out) {
        if (!check.isObject()) {
            out.add(CheckIds.CHECK_SHAPE, path, "must be an object with id, require and on_fail");
            return false;
        }
        boolean ok = true;
        JsonNode id = check.path("id");
        if (!JsonValues.isName(id)) {
            out.add(CheckIds.CHECK_SHAPE, path + ".id", "must be a non-empty string");
            ok = false;
        } else if (!seenIds.add(id.asText())) {
            out.add(CheckIds.CHECK_SHAPE, path + ".id", "duplicate check id \"" + id.asText() + "\"");
            ok = false;
        }
        if (!check.path("require").isObject() || check.get("require").isEmpty()) {
            out.add(CheckIds.CHECK_SHAPE, path + ".require", "must be a non-empty object of requirements");
            ok = false;
        }
        if (!section.onFail().equals(check.path("on_fail").asText(null))) {
            out.add(CheckIds.CHECK_SHAPE, path + ".on_fail", "must be \"" + section.onFail() + "\" in validation."
                    + section.key() + ", was " + JsonValues.describe(check.path("on_fail")));
            ok = false;
        }
        return ok;
    }

    private void evaluate(JsonNode schema, JsonNode check, String path, Violations out) {
        String checkId = check.get("id").asText();
        for (Map.Entry<String, JsonNode> requirement : check.get("require").properties()) {
            String key = requirement.getKey();
            String requirementPath = SchemaPaths.child(path + ".require", key);
            RequirementEvaluator evaluator = registry.find(key).orElse(null);
            if (evaluator == null) {
                out.add(checkId, requirementPath, "unknown requirement \"" + key + "\"; known: " + registry.keys());
                continue;
            }
            RequirementContext context = new RequirementContext(
                    schema, checkId, requirement.getValue(), requirementPath, out.forCheck(checkId));
            out.guard(checkId, requirementPath, () -> evaluator.evaluate(context));
        }
    }
}
