package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one pipeline for one request: each op in order (skipping those whose {@code when} is false) until
 * one responds. Only ops of the closed vocabulary that the configuration's {@code ops.allowed} lists can
 * run. A pipeline that fails, or ends with its transaction still open, leaves no write behind.
 */
@RequestScoped
public class PipelineExecutor {
    /** Ops whose time is mostly moving bytes; their CPU is bounded by the body size limits instead. */
    private static final Set<String> STREAMING_OPS = Set.of("blob.put", "proxy.fetch");

    @Inject
    OpRegistry registry;

    public PipelineResult run(PipelineContext ctx, List<OpCall> steps) {
        Set<String> allowed = allowedOps(ctx.config().schema().path("ops").path("allowed"));
        try {
            for (OpCall call : steps) {
                OpHandler handler = registry.handler(call.op());
                if (handler == null || !allowed.contains(call.op())) {
                    throw new ApiException(ErrorCode.INTERNAL_ERROR, "Op " + call.op() + " is not allowed");
                }
                if (!Conditions.holds(call.args().get("when"), ctx)) {
                    continue;
                }
                long before = RequestBudget.threadCpuNanos();
                handler.run(call, ctx);
                if (!STREAMING_OPS.contains(call.op())) {
                    ctx.budget().chargeCpu(RequestBudget.threadCpuNanos() - before);
                }
                if (ctx.result() != null) {
                    return ctx.result();
                }
            }
            throw new ApiException(ErrorCode.INTERNAL_ERROR, "Route " + ctx.route().id() + " ended without a response");
        } catch (ApiException e) {
            return new PipelineResult.Error(e.status(), e.headers(), e.codeName(), e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (ctx.transaction() != null) {
                ctx.transaction().rollback();
                ctx.transaction(null);
            }
            ctx.runEndActions();
        }
    }

    private static Set<String> allowedOps(JsonNode list) {
        Set<String> ops = new HashSet<>();
        list.forEach(op -> ops.add(op.asText()));
        return ops;
    }
}
