package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.MethodNotAllowedException;
import com.goodpackagerepo.pipeline.route.PathTemplate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured routes of one configuration revision. A request path matching no route is 404; matching
 * only routes of other methods is 405 with {@code Allow}. Among matches, the route with more literal
 * segments wins (so {@code /v1/proxy/...} beats {@code /v1/{namespace}/...}).
 */
public final class RouteTable {
    private final List<CompiledRoute> routes;

    public RouteTable(List<CompiledRoute> routes) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((CompiledRoute r) -> -r.path().literalCount()))
                .toList();
    }

    public List<CompiledRoute> routes() {
        return routes;
    }

    public RouteMatch find(String method, String rawPath) {
        List<String> segments = PathTemplate.split(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        DomainException invalidSegment = null;
        String lookupMethod = "HEAD".equals(method) ? "GET" : method;
        for (CompiledRoute route : routes) {
            Map<String, String> params;
            try {
                params = route.path().match(segments);
            } catch (DomainException e) {
                invalidSegment = invalidSegment == null ? e : invalidSegment;
                continue;
            }
            if (params == null) {
                continue;
            }
            if (route.method().equals(lookupMethod)) {
                return new RouteMatch(route, params);
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            throw new MethodNotAllowedException("Method " + method + " not allowed here", allowed);
        }
        if (invalidSegment != null) {
            throw invalidSegment;
        }
        throw new DomainException(ErrorCode.NOT_FOUND, "No such resource");
    }
}
