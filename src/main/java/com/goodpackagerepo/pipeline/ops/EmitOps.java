package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.JsonSchemaCheck;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineValues;
import com.goodpackagerepo.pipeline.PipelineWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code emit.event}: appends a durable event to the log in the same transaction as the writes it
 * describes. The type must be one of {@code events.types}, the payload must match its schema and fit in
 * {@code replication.log.max_event_bytes}.
 */
@ApplicationScoped
public class EmitOps implements OpFamily {
    @Inject
    PipelineWrites writes;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("emit.event", this::emit);
    }

    void emit(OpCall call, PipelineContext ctx) {
        String type = Interpolator.resolveString(call.arg("type"), ctx);
        JsonSchemaCheck schema = ctx.compiled().eventSchema(type);
        if (schema == null) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Event type " + type + " is not declared");
        }
        JsonNode payload = Interpolator.resolveNode(call.arg("payload"), ctx);
        if (!PipelineValues.isPureJson(payload)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Event payload at " + call.location() + " is not JSON");
        }
        String problems = schema.problems(payload);
        if (problems != null) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Event " + type + " payload invalid: " + problems);
        }
        long max = ctx.config().model().replication().maxEventBytes();
        if (Json.bytes(payload).length > max) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "Event larger than " + max + " bytes");
        }
        ctx.budget().chargeIo(1);
        writes.write(ctx, "emit.event", batch -> batch.appendEvent(type, payload));
    }
}
