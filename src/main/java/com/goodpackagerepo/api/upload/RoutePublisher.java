package com.goodpackagerepo.api.upload;

import com.goodpackagerepo.api.RouteDispatcher;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.pipeline.AccessPolicy;
import com.goodpackagerepo.pipeline.Conditions;
import com.goodpackagerepo.pipeline.DigestHeaders;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpRegistry;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.pipeline.RouteMatch;
import com.goodpackagerepo.upload.ArtifactCoordinate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.schema.op.OpSpecs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a complete upload exactly as {@code PUT /v1/{ns}/{name}/{version}/{variant}/blob} would: the staged
 * file becomes the body of that request, dispatched to the configured route by the same {@link RouteDispatcher}
 * the data plane uses, with the session's digest as {@code ?digest=}. So the blob goes through the blob store's
 * staging, digest check and commit, and the documents, index rows and events are the publish route's own.
 *
 * <p>At session creation, {@link #admit} runs the route's leading checks that need no body (scope check, path
 * parsing, normalization and validation of the coordinate) and the {@code blob.put} permission, so a caller who
 * could not publish learns it before sending gigabytes.
 */
@ApplicationScoped
public class RoutePublisher {
    /** Ops that decide on the caller and the path alone; a publish route's pipeline begins with them. */
    private static final Set<String> PREFLIGHT_OPS =
            Set.of("auth.require_scopes", "parse.path", "normalize.entity", "validate.entity");
    private static final String REQUEST_BODY = "request.body";

    @Inject
    CompiledConfigHolder compiled;
    @Inject
    RouteDispatcher dispatcher;
    @Inject
    OpRegistry registry;
    @Inject
    AuthSettings authSettings;
    @Inject
    NamespacePermissions permissions;

    /**
     * Refuses (with the publish route's own errors) a caller or coordinate the publish would refuse before
     * reading the body; returns the most bytes the route's blob store accepts.
     */
    public long admit(ArtifactCoordinate target, String digest, Principal principal) {
        CompiledConfig config = compiled.current();
        RequestData request = request(target, digest, null, -1);
        DigestHeaders.expected(request); // a malformed digest is refused now, as the publish would
        RouteMatch match = config.routes().find("PUT", request.path());
        OpCall put = match.route().steps().stream()
                .filter(s -> "blob.put".equals(s.op()) && REQUEST_BODY.equals(s.textArg("from"))).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_REQUEST,
                        "The route at " + request.path() + " does not store an uploaded body"));
        AccessPolicy.admit(principal, match.route(), authSettings.allowAnonymousRead());
        RequestData matched = new RequestData("PUT", request.path(), match.pathParams(), request.query(),
                request.headers(), null, -1);
        PipelineContext ctx = new PipelineContext(matched, config, match.route(), principal);
        ctx.access(permissions.of(principal, config.config().model().auth()));
        for (OpCall call : match.route().steps()) {
            if (!PREFLIGHT_OPS.contains(call.op()) || !config.allowedOps().contains(call.op())) {
                break;
            }
            if (Conditions.holds(call.args().get("when"), ctx)) {
                run(call, ctx);
            }
        }
        AccessPolicy.check(ctx, OpSpecs.get("blob.put"), false);
        return config.config().model().maxBlobBytes(put.textArg("store"));
    }

    /** The largest upload any route could take: what the data plane accepts as a request body. */
    public long maxSize() {
        return compiled.current().config().model().limits().maxRequestBodyBytes();
    }

    /** Runs the publish route with {@code body} (the staged bytes, {@code length} of them) as the request body. */
    public PipelineResult publish(ArtifactCoordinate target, String digest, InputStream body, long length) {
        return dispatcher.dispatch(request(target, digest, body, length)).result();
    }

    private void run(OpCall call, PipelineContext ctx) {
        try {
            registry.handler(call.op()).run(call, ctx);
        } catch (DomainException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("publish check " + call.op() + " failed", e);
        }
    }

    private static RequestData request(ArtifactCoordinate t, String digest, InputStream body, long length) {
        String path = "/v1/" + segment(t.namespace()) + "/" + segment(t.name()) + "/" + segment(t.version()) + "/"
                + segment(t.variant()) + "/blob";
        Map<String, List<String>> query = digest == null ? Map.of() : Map.of("digest", List.of(digest));
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/octet-stream"));
        return new RequestData("PUT", path, Map.of(), query, headers, body, length);
    }

    /** Percent-encodes a path segment (every byte outside RFC 3986's unreserved set), as a client would send it. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return out.toString();
    }
}
