package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.pipeline.route.PathTemplate;
import java.util.List;
import java.util.Set;

/** A configured route ready to run: its matcher and its pipeline steps (args compiled where an op wants). */
public record CompiledRoute(String id, String method, PathTemplate path, Set<String> tags, List<OpCall> steps) {
}
