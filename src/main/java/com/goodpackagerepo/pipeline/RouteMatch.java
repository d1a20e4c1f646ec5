package com.goodpackagerepo.pipeline;

import java.util.Map;

/** A route chosen for a request, with the decoded values of its path fields. */
public record RouteMatch(CompiledRoute route, Map<String, String> pathParams) {
}
