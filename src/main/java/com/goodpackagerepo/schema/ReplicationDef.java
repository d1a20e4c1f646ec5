package com.goodpackagerepo.schema;

import java.util.List;
import java.util.Map;

/**
 * The schema's {@code replication} section: parsed and validated now, run by the replication feature later.
 *
 * @param replay         event type to the apply pipeline that replays it ({@code replay.apply_pipelines})
 * @param applyPipelines apply pipelines by name
 */
public record ReplicationDef(String mode, Map<String, String> replay, Map<String, List<PipelineStep>> applyPipelines) {
}
