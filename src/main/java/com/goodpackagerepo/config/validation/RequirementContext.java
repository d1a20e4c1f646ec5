package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@link RequirementEvaluator} works on: the whole schema, the requirement's argument (the
 * value of its key in {@code require}) and where that argument sits, plus a place to report to. All
 * reports are filed under the declaring check's id.
 */
public final class RequirementContext {

    private final JsonNode schema;
    private final String checkId;
    private final JsonNode argument;
    private final String argumentPath;
    private final Reporter reporter;

    RequirementContext(JsonNode schema, String checkId, JsonNode argument, String argumentPath, Reporter reporter) {
        this.schema = schema;
        this.checkId = checkId;
        this.argument = argument;
        this.argumentPath = argumentPath;
        this.reporter = reporter;
    }

    public JsonNode schema() {
        return schema;
    }

    /** The id of the declared check being evaluated, e.g. {@code val_unique_routes}. */
    public String checkId() {
        return checkId;
    }

    /** The requirement's argument, e.g. {@code ["api.routes[].id"]}. */
    public JsonNode argument() {
        return argument;
    }

    /** Path of the argument, e.g. {@code validation.load_time_checks[3].require.unique}. */
    public String argumentPath() {
        return argumentPath;
    }

    public void report(String path, String message) {
        reporter.report(path, message);
    }

    /**
     * For requirements whose only meaningful argument is {@code true}: reports anything else at the
     * argument and answers whether evaluation should go on.
     */
    public boolean requireTrueArgument() {
        if (argument.isBoolean() && argument.booleanValue()) {
            return true;
        }
        report(argumentPath, "must be true, was " + JsonValues.describe(argument));
        return false;
    }
}
