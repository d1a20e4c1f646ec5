package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates {@code invariants.global[]}: each entry's {@code assert} (see {@link AssertionDsl}) gives
 * one {@link InvariantResult}.
 *
 * <p>Decision: an invariant without {@code on_fail} only reports — when it does not hold, that is a
 * warning (logged and shown in the admin config response) and the config still loads; this is what
 * lets the shipped schema load although {@code inv.latest_monotonic} does not hold for its defaults.
 * With {@code on_fail: "reject_config"} a failing invariant also becomes a {@link ConfigViolation}
 * whose check id is the invariant's id, at {@code invariants.global[i].assert}. Any other
 * {@code on_fail}, a missing or duplicate id, or a missing assert is a {@value CheckIds#INVARIANT_SHAPE}
 * violation.
 */
public final class InvariantEvaluator {

    private static final String PATH = "invariants.global";
    private static final String REJECT = "reject_config";

    /** The results alone, for callers that only report. */
    public List<InvariantResult> evaluate(JsonNode schema) {
        return evaluate(schema, new Violations());
    }

    List<InvariantResult> evaluate(JsonNode schema, Violations out) {
        JsonNode invariants = schema.path("invariants").path("global");
        List<InvariantResult> results = new ArrayList<>();
        if (!invariants.isMissingNode() && !invariants.isArray()) {
            out.add(CheckIds.INVARIANT_SHAPE, PATH, "must be an array of invariants");
            return results;
        }
        AssertionDsl dsl = new AssertionDsl(schema);
        Set<String> seenIds = new HashSet<>();
        for (int i = 0; i < invariants.size(); i++) {
            String path = SchemaPaths.index(PATH, i);
            JsonNode invariant = invariants.get(i);
            JsonNode id = invariant.path("id");
            if (!JsonValues.isName(id) || !seenIds.add(id.asText())) {
                out.add(CheckIds.INVARIANT_SHAPE, path + ".id", JsonValues.isName(id)
                        ? "duplicate invariant id \"" + id.asText() + "\"" : "must be a non-empty string");
                continue;
            }
            InvariantResult result = evaluateOne(dsl, invariant, path, out);
            results.add(result);
            if (!result.holds() && result.rejectsConfig()) {
                out.add(result.id(), path + ".assert", result.message());
            }
        }
        return results;
    }

    private static InvariantResult evaluateOne(AssertionDsl dsl, JsonNode invariant, String path, Violations out) {
        String id = invariant.get("id").asText();
        String description = invariant.path("description").asText("");
        JsonNode onFail = invariant.path("on_fail");
        if (!onFail.isMissingNode() && !REJECT.equals(onFail.asText(null))) {
            out.add(CheckIds.INVARIANT_SHAPE, path + ".on_fail",
                    "must be \"" + REJECT + "\" or absent, was " + JsonValues.describe(onFail));
        }
        String onFailText = onFail.isTextual() ? onFail.asText() : null;
        if (!invariant.has("assert")) {
            out.add(CheckIds.INVARIANT_SHAPE, path + ".assert", "is required");
            return new InvariantResult(id, description, false, onFailText, "no assert given");
        }
        AssertionDsl.Outcome outcome = dsl.evaluate(invariant.get("assert"), path + ".assert");
        return new InvariantResult(id, description, outcome.holds(), onFailText, outcome.message());
    }
}
