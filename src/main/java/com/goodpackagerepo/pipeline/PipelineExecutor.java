package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.schema.op.OpAccess;
import com.goodpackagerepo.schema.op.OpSpec;
import com.goodpackagerepo.schema.op.OpSpecs;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Runs one pipeline for one request: each op in order (skipping those whose {@code when} is false) until
 * one responds. Only ops of the closed vocabulary that the configuration's {@code ops.allowed} lists can
 * run. A pipeline that fails, or ends with its transaction still open, leaves no write behind. With tracing on,
 * the pipeline and each op are spans (children of the HTTP request's span).
 */
@ApplicationScoped
public class PipelineExecutor {
    private static final String TXN_FAMILY = "txn";

    @Inject
    OpRegistry registry;
    @Inject
    AuthSettings authSettings;
    @Inject
    NamespacePermissions permissions;

    @Inject
    Instance<Tracer> tracers;

    private volatile Tracer tracer;

    public PipelineResult run(PipelineContext ctx, List<OpCall> steps) {
        Tracer tracer = tracer();
        Span pipeline = tracer.spanBuilder("pipeline " + ctx.route().id())
                .setAttribute("gpr.route", ctx.route().id()).startSpan();
        try (Scope scope = pipeline.makeCurrent()) {
            PipelineResult result = runSteps(ctx, steps, tracer);
            if (result instanceof PipelineResult.Failure failure) {
                pipeline.setAttribute("gpr.error.code", failure.error().code().name());
            }
            return result;
        } finally {
            pipeline.end();
        }
    }

    private PipelineResult runSteps(PipelineContext ctx, List<OpCall> steps, Tracer tracer) {
        Set<String> allowed = ctx.compiled().allowedOps();
        try {
            if (ctx.access() == null) {
                ctx.access(permissions.of(ctx.principal(), ctx.config().model().auth()));
            }
            for (OpCall call : steps) {
                OpHandler handler = registry.handler(call.op());
                if (handler == null || !allowed.contains(call.op())) {
                    throw new DomainException(ErrorCode.INTERNAL_ERROR, "Op " + call.op() + " is not allowed");
                }
                if (!Conditions.holds(call.args().get("when"), ctx)) {
                    continue;
                }
                OpSpec spec = OpSpecs.get(call.op());
                if (spec.access() != OpAccess.NONE) {
                    AccessPolicy.check(ctx, spec, authSettings.allowAnonymousRead());
                }
                long before = RequestBudget.threadCpuNanos();
                runTraced(tracer, call, handler, ctx);
                if (!spec.streaming()) {
                    ctx.budget().chargeCpu(RequestBudget.threadCpuNanos() - before);
                }
                if (ctx.result() != null) {
                    return ctx.result();
                }
            }
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Route " + ctx.route().id() + " ended without a response");
        } catch (DomainException e) {
            return new PipelineResult.Failure(e);
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

    /**
     * Apply mode: runs a replication apply pipeline in {@code ctx} (made by {@link PipelineContext#forEvent}).
     * Only ops whose {@link OpSpec#apply} is set run, with no access check (there is no caller: the authority
     * authorized the write) and no response; {@code txn.*} only mark the boundary, as the writes commit in the
     * replica's LMDB transaction with its position.
     *
     * @throws DomainException when an op is not an apply op or fails (the replica then applies the write-set)
     */
    public void apply(PipelineContext ctx, List<OpCall> steps) {
        try {
            for (OpCall call : steps) {
                OpSpec spec = OpSpecs.get(call.op());
                OpHandler handler = registry.handler(call.op());
                if (spec == null || !spec.apply() || handler == null) {
                    throw new DomainException(ErrorCode.INTERNAL_ERROR, "Op " + call.op() + " at " + call.location()
                            + " cannot run in an apply pipeline");
                }
                if (TXN_FAMILY.equals(call.family()) || !Conditions.holds(call.args().get("when"), ctx)) {
                    continue;
                }
                handler.run(call, ctx);
            }
        } catch (DomainException e) {
            throw e;
        } catch (Exception e) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "apply pipeline failed: " + e, e);
        } finally {
            ctx.runEndActions();
        }
    }

    private static void runTraced(Tracer tracer, OpCall call, OpHandler handler, PipelineContext ctx) throws Exception {
        Span span = tracer.spanBuilder("op " + call.op()).setAttribute("gpr.op.location", call.location()).startSpan();
        try (Scope scope = span.makeCurrent()) {
            handler.run(call, ctx);
        } catch (Exception e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The MicroProfile Telemetry tracer (a no-op unless tracing is turned on), or a no-op outside the server;
     * resolved once (a bean lookup per request cost more than the rest of a small pipeline).
     */
    private Tracer tracer() {
        Tracer t = tracer;
        if (t == null) {
            t = tracers != null && tracers.isResolvable() ? tracers.get() : TracerProvider.noop().get("good-package-repo");
            tracer = t;
        }
        return t;
    }

}
