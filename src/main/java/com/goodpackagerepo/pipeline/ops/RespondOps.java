package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.PipelineValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code respond.json}, {@code respond.bytes}, {@code respond.redirect}, {@code respond.error}: each ends
 * the pipeline with a response. Redirects go only to paths on this server.
 */
@ApplicationScoped
public class RespondOps implements OpFamily {

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("respond.json", this::json, "respond.bytes", this::bytes,
                "respond.redirect", this::redirect, "respond.error", this::error);
    }

    void json(OpCall call, PipelineContext ctx) {
        JsonNode body = Interpolator.resolveNode(call.arg("body"), ctx);
        if (!PipelineValues.isPureJson(body)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Response body at " + call.location() + " is not JSON");
        }
        ctx.respond(new PipelineResult.JsonBody(status(call), headers(call, ctx), body));
    }

    void bytes(OpCall call, PipelineContext ctx) {
        Object body = PipelineValues.unwrap(Interpolator.resolve(call.arg("body"), ctx));
        if (body == null) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Response body at " + call.location() + " is empty");
        }
        ctx.respond(new PipelineResult.Bytes(status(call), headers(call, ctx), body));
    }

    void redirect(OpCall call, PipelineContext ctx) {
        String location = Interpolator.resolveString(call.arg("location"), ctx);
        if (location == null || !location.startsWith("/") || location.startsWith("//") || location.contains("\\")) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Redirects must stay on this server");
        }
        ctx.respond(new PipelineResult.Redirect(status(call), headers(call, ctx), location));
    }

    void error(OpCall call, PipelineContext ctx) {
        ctx.respond(new PipelineResult.Error(status(call), headers(call, ctx),
                Interpolator.resolveString(call.arg("code"), ctx), Interpolator.resolveString(call.arg("message"), ctx)));
    }

    private static int status(OpCall call) {
        return call.arg("status").asInt(200);
    }

    private static Map<String, String> headers(OpCall call, PipelineContext ctx) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!call.args().has("headers")) {
            return headers;
        }
        JsonNode resolved = Interpolator.resolveNode(call.arg("headers"), ctx);
        resolved.fields().forEachRemaining(h -> {
            String value = PipelineValues.text(h.getValue());
            if (!value.isEmpty()) {
                headers.put(h.getKey(), value);
            }
        });
        return headers;
    }
}
