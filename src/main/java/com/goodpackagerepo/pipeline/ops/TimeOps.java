package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** {@code time.now_iso8601}: the current UTC time, millisecond precision, e.g. 2026-11-27T05:00:00.123Z. */
@ApplicationScoped
public class TimeOps implements OpFamily {

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("time.now_iso8601", this::now);
    }

    void now(OpCall call, PipelineContext ctx) {
        ctx.set(call.textArg("out"), TextNode.valueOf(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()));
    }
}
