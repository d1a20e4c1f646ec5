package com.goodpackagerepo.api;

import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.pipeline.AccessPolicy;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineExecutor;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.pipeline.route.BuiltinRoutes;
import com.goodpackagerepo.pipeline.route.CompiledConfig;
import com.goodpackagerepo.pipeline.route.CompiledConfigHolder;
import com.goodpackagerepo.observability.RouteLabel;
import com.goodpackagerepo.pipeline.route.RouteMatch;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every request that no fixed endpoint takes: matched against the configured routes (the current
 * configuration, so a route added through the admin API serves at once) and run as a pipeline.
 */
@Path("/")
public class RouteDispatchResource {
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

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @GET
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response get() {
        return dispatch("GET", null);
    }

    @HEAD
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response head() {
        return dispatch("HEAD", null);
    }

    @PUT
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response put(InputStream body) {
        return dispatch("PUT", body);
    }

    @POST
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response post(InputStream body) {
        return dispatch("POST", body);
    }

    @DELETE
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response delete() {
        return dispatch("DELETE", null);
    }

    @PATCH
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response patch(InputStream body) {
        return dispatch("PATCH", body);
    }

    private Response dispatch(String method, InputStream body) {
        String rawPath = uri.getRequestUri().getRawPath();
        CompiledConfig config = compiled.current();
        long contentLength = contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        long maxBody = config.config().limit("max_request_body_bytes", Long.MAX_VALUE);
        if (contentLength > maxBody) {
            return ErrorResponses.response(ErrorCode.BLOB_TOO_LARGE, "Request body larger than " + maxBody + " bytes");
        }
        InputStream limited = body == null ? null : new LimitedInputStream(body, maxBody);
        try {
            Response builtin = builtins.handle(method, rawPath, request(method, rawPath, Map.of(), limited, contentLength),
                    authenticator.principal(), config);
            if (builtin != null) {
                return builtin;
            }
            RouteMatch match = config.routes().find(method, rawPath);
            routeLabel.set(match.route().id());
            RequestData request = request(method, rawPath, match.pathParams(), limited, contentLength);
            AccessPolicy.admit(authenticator.principal(), match.route(), authSettings.allowAnonymousRead());
            PipelineContext ctx = new PipelineContext(request, config, match.route(), authenticator.principal());
            return ResponseWriter.write(executor.run(ctx, match.route().steps()), request,
                    config.config().schema().path("caching").path("response_cache").path("revalidate"));
        } catch (ApiException e) {
            return ErrorResponses.response(e);
        }
    }

    private static long contentLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Malformed Content-Length");
        }
    }

    private RequestData request(String method, String rawPath, Map<String, String> params, InputStream body,
                                long contentLength) {
        Map<String, List<String>> lowerHeaders = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> lowerHeaders.put(k.toLowerCase(Locale.ROOT), v));
        return new RequestData(method, rawPath, params, uri.getQueryParameters(), lowerHeaders, body, contentLength,
                uri.getBaseUri().toString());
    }
}
