package com.goodpackagerepo.config.validation;

import java.util.Objects;

/**
 * One reason a repository schema is refused.
 *
 * <p>{@code checkId} is the id of a check declared in the schema (e.g. {@code val.pipeline_ops_allowed}),
 * of a failing invariant declared with {@code on_fail: reject_config}, or one of {@link CheckIds}.
 * {@code path} points into the schema in the form {@code api.routes[3].pipeline[2].op}; an op that is
 * itself the problem is reported at its {@code .op}, a bad argument at {@code .args.<name>}.
 */
public record ConfigViolation(String checkId, String path, String message) {

    public ConfigViolation {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Renders as {@code checkId at path: message}. */
    @Override
    public String toString() {
        return checkId + " at " + path + ": " + message;
    }
}
