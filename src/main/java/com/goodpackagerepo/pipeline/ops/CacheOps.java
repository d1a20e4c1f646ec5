package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.cache.BlobCache;
import com.goodpackagerepo.cache.CachedResponse;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
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
import java.util.TreeSet;

/**
 * {@code cache.get} and {@code cache.put} on the response cache ({@code kind: "response"}). The entry key
 * is the interpolated key plus the request's values of the configured vary headers, the caller's identity
 * standing in for {@code Authorization} ({@link #key(String, String, Iterable, PipelineContext)}). A hit on a blob body
 * counts as a read of that blob for the blob cache.
 */
@ApplicationScoped
public class CacheOps implements OpFamily {
    static final String RESPONSE = "response";
    private static final String AUTHORIZATION = "Authorization";

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
        cache.put(key(call, ctx), headers, body, size, ttl, ctx.startedNanos());
    }

    private String key(OpCall call, PipelineContext ctx) {
        String kind = call.textArg("kind");
        if (!RESPONSE.equals(kind)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Unsupported cache kind " + kind);
        }
        return key(kind, Interpolator.resolveString(call.arg("key"), ctx), cache.varyHeaders(), ctx);
    }

    /**
     * The entry key: kind, the interpolated key, then per vary header its value — except
     * {@code Authorization}, which stands for the caller the token was verified as ({@link #caller}), not the
     * token text: a pipeline can only see who the caller is and which scopes they hold, so two tokens of the
     * same user with the same scopes share entries, and callers who differ in either never do. Each part is
     * length-prefixed, so no value can imitate another part.
     */
    static String key(String kind, String key, Iterable<String> varyHeaders, PipelineContext ctx) {
        StringBuilder out = new StringBuilder(64 + key.length());
        part(out, kind);
        part(out, key);
        for (String header : varyHeaders) {
            part(out, AUTHORIZATION.equalsIgnoreCase(header) ? caller(ctx.principal(), ctx.request().header(header))
                    : ctx.request().header(header));
        }
        return out.toString();
    }

    /**
     * What of the caller a response can depend on: anonymous or not, the user, the scopes (sorted). With no
     * verified principal the raw header is used (it never is, on a route: a present but invalid token is
     * refused before the pipeline runs).
     */
    static String caller(Principal principal, String authorization) {
        if (principal == null) {
            return authorization == null ? "" : "raw:" + authorization;
        }
        if (principal.anonymous()) {
            return "anonymous";
        }
        StringBuilder id = new StringBuilder("user:");
        part(id, principal.sub());
        for (String scope : new TreeSet<>(principal.scopes())) {
            part(id, scope);
        }
        return id.toString();
    }

    private static void part(StringBuilder out, String value) {
        String v = value == null ? "" : value;
        out.append(v.length()).append(':').append(v).append('|');
    }
}
