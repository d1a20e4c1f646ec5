package com.goodpackagerepo.config.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating a repository schema: the violations that refuse it, and the result of
 * every invariant (a failing invariant without {@code on_fail} is only a warning).
 */
public final class ValidationReport {

    private final List<ConfigViolation> violations;
    private final List<InvariantResult> invariants;

    public ValidationReport(List<ConfigViolation> violations, List<InvariantResult> invariants) {
        this.violations = List.copyOf(violations);
        this.invariants = List.copyOf(invariants);
    }

    /** Whether the schema may be loaded: it has no violations. */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /** Every violation, in the order found. */
    public List<ConfigViolation> violations() {
        return violations;
    }

    /** The violations filed under {@code checkId}. */
    public List<ConfigViolation> violationsOf(String checkId) {
        return violations.stream().filter(v -> v.checkId().equals(checkId)).toList();
    }

    /** One result per invariant, in declaration order. */
    public List<InvariantResult> invariants() {
        return invariants;
    }

    /** The invariants that do not hold (warnings, unless they also appear among the violations). */
    public List<InvariantResult> failedInvariants() {
        return invariants.stream().filter(r -> !r.holds()).toList();
    }

    /** Throws when the schema may not be loaded; the exception message names every check id and path. */
    public ValidationReport requireValid() {
        if (!isValid()) {
            throw new InvalidConfigException(this);
        }
        return this;
    }

    /** A multi-line summary for logs: each violation, then each failing invariant. */
    public String summary() {
        String head = isValid() ? "schema is valid" : "schema is invalid (" + violations.size() + " violation(s))";
        String body = violations.stream().map(v -> "\n  " + v).collect(Collectors.joining())
                + failedInvariants().stream()
                        .map(r -> "\n  invariant " + r.id() + " does not hold: " + r.message())
                        .collect(Collectors.joining());
        return head + body;
    }

    @Override
    public String toString() {
        return summary();
    }
}
