package com.goodpackagerepo.schema;

import java.util.List;
import java.util.Set;

/** One of {@code api.routes}; {@code method} upper-cased. */
public record RouteDef(String id, String method, String path, Set<String> tags, List<PipelineStep> pipeline) {
}
