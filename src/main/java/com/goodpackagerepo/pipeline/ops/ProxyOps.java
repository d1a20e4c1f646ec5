package com.goodpackagerepo.pipeline.ops;

import com.goodpackagerepo.cache.BlobCache;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.proxy.ConfiguredUpstreams;
import com.goodpackagerepo.proxy.UpstreamBody;
import com.goodpackagerepo.proxy.UpstreamClient;
import com.goodpackagerepo.proxy.UpstreamResponse;
import com.goodpackagerepo.proxy.UpstreamSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;

/**
 * {@code proxy.fetch}: calls a configured upstream and sets {@code out} to its response
 * ({@code $out.status}, {@code .headers}, {@code .body}). Beyond that:
 * <ul>
 *   <li>{@code features.proxy_enabled=false}: 404 {@code NOT_FOUND}, as if the route did not exist;</li>
 *   <li>the upstream answers 404: our 404 {@code NOT_FOUND} (any other non-200 is left to the pipeline);</li>
 *   <li>this request joined a concurrent request's fetch of the same path, which stored the body: the op
 *       answers 200 with that stored blob itself, since the other request records the artifact once;</li>
 *   <li>a body the pipeline neither stores nor answers with is closed when the pipeline ends.</li>
 * </ul>
 */
@ApplicationScoped
public class ProxyOps implements OpFamily {
    @Inject
    UpstreamClient client;
    @Inject
    ConfiguredUpstreams upstreams;
    @Inject
    BlobCache blobCache;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("proxy.fetch", this::fetch);
    }

    void fetch(OpCall call, PipelineContext ctx) {
        if (!ctx.config().model().features().proxyEnabled()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The proxy is disabled");
        }
        String name = call.textArg("upstream");
        UpstreamSettings upstream = upstreams.get(name)
                .orElseThrow(() -> new DomainException(ErrorCode.INTERNAL_ERROR, "Unknown upstream " + name));
        String method = call.textArg("method") == null ? "GET" : call.textArg("method").toUpperCase(Locale.ROOT);
        String path = Interpolator.resolveString(call.arg("path"), ctx);
        ctx.budget().chargeIo(1);
        blobCache.missed();
        UpstreamResponse response = client.fetch(upstream, method, path);
        if (response.status() == 404) {
            throw new DomainException(ErrorCode.NOT_FOUND, "Not found upstream");
        }
        UpstreamBody body = response.body();
        if (body != null && body.stored() != null) {
            ctx.respond(new PipelineResult.Bytes(200, Map.of("Content-Type", "application/octet-stream"), body.stored()));
            return;
        }
        if (body != null) {
            ctx.onEnd(() -> body.release(ctx.result() instanceof PipelineResult.Bytes bytes && bytes.body() == body));
        }
        ctx.set(call.textArg("out"), response);
    }
}
