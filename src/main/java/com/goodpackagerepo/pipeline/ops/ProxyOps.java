package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.proxy.UpstreamClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code proxy.fetch}: calls a configured upstream and sets {@code out} to its response. With
 * {@code features.proxy_enabled=false} the proxy answers 404, as if the route did not exist.
 */
@ApplicationScoped
public class ProxyOps implements OpFamily {
    @Inject
    UpstreamClient client;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("proxy.fetch", this::fetch);
    }

    void fetch(OpCall call, PipelineContext ctx) {
        if (!ctx.config().feature("proxy_enabled", true)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The proxy is disabled");
        }
        String name = call.textArg("upstream");
        JsonNode upstream = ctx.config().schema().path("upstreams").path(name);
        if (upstream.isMissingNode()) {
            throw new ApiException(ErrorCode.INTERNAL_ERROR, "Unknown upstream " + name);
        }
        String method = call.textArg("method") == null ? "GET" : call.textArg("method").toUpperCase();
        String path = Interpolator.resolveString(call.arg("path"), ctx);
        ctx.budget().chargeIo(1);
        ctx.set(call.textArg("out"), client.fetch(name, upstream, method, path));
    }
}
