package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@value CheckIds#ROUTE_CONFLICTS}: no two routes share a method and an equivalent path template
 * ({@code {x}} and {@code {y}} count as equal; the later route is reported), and no route's first
 * segment is a literal reserved for the server's own endpoints ({@link #RESERVED}, compared without
 * regard to case), and no route's path is exactly one of the server's fixed paths under an open prefix (the catalog
 * API's {@code /v1/catalog}, {@code /v1/catalog/namespaces}, {@code /v1/catalog/package}), which would shadow it. A route whose method or path is malformed is left to {@link RouteShapeCheck}.
 */
final class RouteConflictCheck implements SchemaCheck {

    static final List<String> RESERVED = FixedEndpoints.RESERVED_FIRST_SEGMENTS;

    @Override
    public String id() {
        return CheckIds.ROUTE_CONFLICTS;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        JsonNode routes = schema.path("api").path("routes");
        Map<String, String> firstRouteByKey = new HashMap<>();
        for (int i = 0; routes.isArray() && i < routes.size(); i++) {
            JsonNode route = routes.get(i);
            String path = SchemaPaths.index("api.routes", i) + ".path";
            RouteTemplate template = templateOf(route);
            if (template == null || !route.path("method").isTextual()) {
                continue;
            }
            template.firstLiteral()
                    .filter(first -> RESERVED.contains(first.toLowerCase(Locale.ROOT)))
                    .ifPresent(first -> reporter.report(path, "first segment \"" + first
                            + "\" is reserved for the server's own endpoints " + RESERVED));
            String normalized = template.normalized();
            if (FixedEndpoints.FIXED_PATHS.contains(normalized)) {
                reporter.report(path, "path " + normalized + " is a fixed endpoint of the server "
                        + "(a route there would never be reached)");
            }
            String key = route.get("method").asText() + " " + normalized;
            String routeName = route.path("id").asText(SchemaPaths.index("api.routes", i));
            String earlier = firstRouteByKey.putIfAbsent(key, routeName);
            if (earlier != null) {
                reporter.report(path, "conflicts with route \"" + earlier + "\": both serve " + key);
            }
        }
    }

    private static RouteTemplate templateOf(JsonNode route) {
        try {
            return route.path("path").isTextual() ? RouteTemplate.parse(route.get("path").asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
