package com.goodpackagerepo.config.validation;

/**
 * Evaluates one key of a declared check's {@code require} object (e.g. {@code unique}) against the
 * schema, reporting each violation through the context.
 */
@FunctionalInterface
public interface RequirementEvaluator {

    void evaluate(RequirementContext context);
}
