package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.cache.BlobCache;
import com.goodpackagerepo.cache.CachedResponse;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineValues;
import com.goodpackagerepo.storage.blob.BlobRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code cache.get} and {@code cache.put} on the response cache ({@code kind: "response"}). The entry key
 * is the interpolated key plus the request's values of the configured vary headers. A hit on a blob body
 * counts as a read of that blob for the blob cache.
 */
@ApplicationScoped
public class CacheOps implements OpFamily {
    static final String RESPONSE = "response";

    @Inject
    ResponseCache cache;
    @Inject
    BlobCache blobCache;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("cache.get", this::get, "cache.put", this::put);
    }

    void get(OpCall call, PipelineContext ctx) {
        CachedResponse entry = cache.get(key(call, ctx));
        if (entry != null && entry.body() instanceof BlobRef blob) {
            blobCache.accessed(blob.digest());
        }
        ctx.set(call.textArg("hit_out"), BooleanNode.valueOf(entry != null));
        ctx.set(call.textArg("value_out"), entry);
    }

    void put(OpCall call, PipelineContext ctx) {
        JsonNode value = call.arg("value");
        Object body;
        JsonNode headers;
        if (value.isObject() && value.has("body")) {
            body = PipelineValues.unwrap(Interpolator.resolve(value.get("body"), ctx));
            headers = Interpolator.resolveNode(value.path("headers"), ctx);
        } else {
            body = PipelineValues.unwrap(Interpolator.resolve(value, ctx));
            headers = null;
        }
        long size = body instanceof BlobRef blob ? blob.size()
                : body instanceof JsonNode node ? node.toString().length() : 0;
        long ttl = call.arg("ttl_seconds").asLong(0);
        cache.put(key(call, ctx), headers, body, size, ttl);
    }

    private String key(OpCall call, PipelineContext ctx) {
        String kind = call.textArg("kind");
        if (!RESPONSE.equals(kind)) {
            throw new ApiException(ErrorCode.INTERNAL_ERROR, "Unsupported cache kind " + kind);
        }
        StringBuilder key = new StringBuilder(kind).append('|').append(Interpolator.resolveString(call.arg("key"), ctx));
        for (String header : cache.varyHeaders()) {
            String v = ctx.request().header(header);
            key.append('|').append(v == null ? "" : v);
        }
        return key.toString();
    }
}
