package com.goodpackagerepo.schema;

import java.util.List;
import java.util.Map;

/**
 * The schema's {@code replication} section: the event log's limits and the apply pipelines cluster replicas run.
 *
 * @param replay         event type to the apply pipeline that replays it ({@code replay.apply_pipelines})
 * @param applyPipelines apply pipelines by name
 * @param maxEventBytes  {@code log.max_event_bytes}: the largest event payload {@code emit.event} accepts
 */
public record ReplicationDef(String mode, Map<String, String> replay, Map<String, List<PipelineStep>> applyPipelines,
                             long maxEventBytes) {
    /** {@code log.max_event_bytes} when the schema declares none (256 KiB). */
    public static final long DEFAULT_MAX_EVENT_BYTES = 262144;
}
