package com.goodpackagerepo.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.CurrentPrincipal;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.json.Json;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Duration;

/**
 * Gives every request an id (echoed as {@code X-Request-Id}), and when it is done — after the body is written,
 * for streamed blobs (the streaming body is wrapped) — records its metrics and writes one JSON access-log line: request id, method, path,
 * route id, status, bytes, duration, principal ({@link AccessLog}, written off the request thread).
 */
@Provider
@PreMatching
@Priority(100)
public class RequestObservationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = "gpr.started";
    private static final String ID = "gpr.request-id";

    @Inject
    RepositoryMetrics metrics;
    @Inject
    AccessLog accessLog;
    @Inject
    RouteLabel routeLabel;
    @Inject
    CurrentPrincipal principal;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        request.setProperty(ID, RequestIds.accept(request.getHeaderString(RequestIds.HEADER)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(ID);
        response.getHeaders().putSingle(RequestIds.HEADER, id == null ? RequestIds.accept(null) : id);
        if (response.getStatus() >= 400 && response.getEntity() instanceof String body && body.startsWith("{\"error\"")) {
            metrics.error(errorCode(body));
        }
        Observation observation = new Observation(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                route(), response.getStatus(), contentLength(response), (Long) request.getProperty(STARTED),
                String.valueOf(id), caller());
        if (response.getEntity() instanceof StreamingOutput body) {
            Object length = response.getHeaders().getFirst("Content-Length");
            response.setEntity((StreamingOutput) out -> {
                try {
                    body.write(out);
                } finally {
                    finish(observation, true);
                }
            }, response.getEntityAnnotations(), response.getMediaType());
            if (length != null) {
                response.getHeaders().putSingle("Content-Length", length);
            }
        } else {
            finish(observation, false);
        }
    }

    private void finish(Observation o, boolean streamed) {
        Duration duration = Duration.ofNanos(System.nanoTime() - (o.started() == null ? System.nanoTime() : o.started()));
        metrics.request(o.route(), o.method(), o.status(), duration);
        if (streamed && o.status() < 300 && o.bytes() > 0) {
            metrics.blobBytesOut(o.bytes());
        }
        accessLog.record(o.requestId(), o.method(), o.path(), o.route(), o.status(), o.bytes(), duration.toNanos(),
                o.principal());
        RequestIds.clear();
    }

    private String route() {
        String label = routeLabel.get();
        if (!"unmatched".equals(label)) {
            return label;
        }
        try {
            return resource.getResourceMethod() == null ? label
                    : resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
        } catch (RuntimeException e) {
            return label;
        }
    }

    private String caller() {
        try {
            Principal p = principal.get();
            return p == null ? null : p.sub();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long contentLength(ContainerResponseContext response) {
        Object header = response.getHeaders().getFirst("Content-Length");
        if (header != null) {
            try {
                return Long.parseLong(header.toString());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return response.getEntity() instanceof String s ? s.length() : 0;
    }

    private static String errorCode(String body) {
        try {
            JsonNode node = Json.parse(body);
            return node.path("error").path("code").asText("UNKNOWN");
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }

    private record Observation(String method, String path, String route, int status, long bytes, Long started,
                               String requestId, String principal) {
    }
}
