package com.goodpackagerepo.config.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects violations in the order found, dropping exact duplicates. */
final class Violations {

    private final Set<ConfigViolation> found = new LinkedHashSet<>();

    void add(String checkId, String path, String message) {
        found.add(new ConfigViolation(checkId, path, message));
    }

    /** A reporter that files everything it receives under {@code checkId}. */
    Reporter forCheck(String checkId) {
        return (path, message) -> add(checkId, path, message);
    }

    /**
     * Runs {@code body}; should it throw, the check fails closed with a violation at {@code path}
     * rather than letting a malformed schema slip through.
     */
    void guard(String checkId, String path, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            add(checkId, path, "check could not be evaluated: " + e);
        }
    }

    List<ConfigViolation> list() {
        return List.copyOf(found);
    }
}
