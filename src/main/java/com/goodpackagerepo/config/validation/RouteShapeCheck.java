package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@value CheckIds#ROUTE_SHAPE}: {@code api.routes} is an array of routes, each with an id matching
 * {@code ^[a-z0-9_.-]{1,64}$}, a method of {@link #METHODS}, a well-formed path (see
 * {@link RouteTemplate}), optional string tags and a well-formed pipeline (see {@link PipelineShape}).
 */
final class RouteShapeCheck implements SchemaCheck {

    static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD");

    private static final Pattern ROUTE_ID = Pattern.compile("^[a-z0-9_.-]{1,64}$");

    @Override
    public String id() {
        return CheckIds.ROUTE_SHAPE;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        JsonNode routes = schema.path("api").path("routes");
        if (!routes.isArray()) {
            reporter.report("api.routes", "must be an array of routes");
            return;
        }
        for (int i = 0; i < routes.size(); i++) {
            String path = SchemaPaths.index("api.routes", i);
            JsonNode route = routes.get(i);
            if (route.isObject()) {
                checkRoute(route, path, reporter);
            } else {
                reporter.report(path, "must be an object");
            }
        }
    }

    private static void checkRoute(JsonNode route, String path, Reporter reporter) {
        JsonNode id = route.path("id");
        if (!id.isTextual() || !ROUTE_ID.matcher(id.asText()).matches()) {
            reporter.report(path + ".id", "must match " + ROUTE_ID.pattern() + ", was " + JsonValues.describe(id));
        }
        JsonNode method = route.path("method");
        if (!method.isTextual() || !METHODS.contains(method.asText())) {
            reporter.report(path + ".method", "must be one of " + METHODS + ", was " + JsonValues.describe(method));
        }
        JsonNode routePath = route.path("path");
        if (!routePath.isTextual()) {
            reporter.report(path + ".path", "must be a string starting with \"/\"");
        } else {
            try {
                RouteTemplate.parse(routePath.asText());
            } catch (IllegalArgumentException e) {
                reporter.report(path + ".path", e.getMessage());
            }
        }
        JsonNode tags = route.path("tags");
        if (!tags.isMissingNode() && !JsonValues.isStringArray(tags)) {
            reporter.report(path + ".tags", "must be an array of strings");
        }
        PipelineShape.check(route.path("pipeline"), path + ".pipeline", reporter);
    }
}
