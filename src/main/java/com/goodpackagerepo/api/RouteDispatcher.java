package com.goodpackagerepo.api;

import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.observability.RouteLabel;
import com.goodpackagerepo.pipeline.AccessPolicy;
import com.goodpackagerepo.pipeline.BuiltinRoutes;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineExecutor;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.pipeline.RouteMatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Answers a request that no fixed endpoint takes: the built-in reads first, then the configured routes (the
 * current configuration, so a route added through the admin API serves at once), run as a pipeline.
 */
@ApplicationScoped
public class RouteDispatcher {
    @Inject
    CompiledConfigHolder compiled;
    @Inject
    AuthSettings authSettings;
    @Inject
    PipelineExecutor executor;
    @Inject
    Authenticator authenticator;
    @Inject
    BuiltinRoutes builtins;
    @Inject
    RouteLabel routeLabel;

    /**
     * What to answer: the result (a domain error becomes a {@link PipelineResult.Failure}), the request it answers
     * (path parameters filled in) and the revalidation settings ({@code caching.response_cache.revalidate}).
     */
    public record Answer(PipelineResult result, RequestData request, CachingDef.Revalidate revalidate) {
    }

    /** @param request the request, its path parameters still empty */
    public Answer dispatch(RequestData request) {
        CompiledConfig config = compiled.current();
        CachingDef.Revalidate revalidate = config.config().model().caching().revalidate();
        long maxBody = config.config().model().limits().maxRequestBodyBytes();
        if (request.contentLength() > maxBody) {
            return new Answer(new PipelineResult.Failure(new DomainException(ErrorCode.BLOB_TOO_LARGE,
                    "Request body larger than " + maxBody + " bytes")), request, revalidate);
        }
        RequestData limited = request.body() == null ? request : with(request, request.pathParams(),
                new LimitedInputStream(request.body(), maxBody));
        Principal principal = authenticator.principal();
        try {
            PipelineResult builtin = builtins.handle(request.method(), request.path(), limited, principal, config);
            if (builtin != null) {
                return new Answer(builtin, limited, revalidate);
            }
            RouteMatch match = config.routes().find(request.method(), request.path());
            routeLabel.set(match.route().id());
            RequestData matched = with(limited, match.pathParams(), limited.body());
            AccessPolicy.admit(principal, match.route(), authSettings.allowAnonymousRead());
            PipelineContext ctx = new PipelineContext(matched, config, match.route(), principal);
            return new Answer(executor.run(ctx, match.route().steps()), matched, revalidate);
        } catch (DomainException e) {
            return new Answer(new PipelineResult.Failure(e), limited, revalidate);
        }
    }

    private static RequestData with(RequestData r, Map<String, String> params, java.io.InputStream body) {
        return new RequestData(r.method(), r.path(), params, r.query(), r.headers(), body, r.contentLength());
    }
}
