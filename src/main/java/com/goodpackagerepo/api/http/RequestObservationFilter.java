package com.goodpackagerepo.api.http;

import com.goodpackagerepo.observability.RequestIds;
import com.goodpackagerepo.observability.RequestRecorder;
import com.goodpackagerepo.observability.RouteLabel;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;

/**
 * Observes the requests to the fixed JAX-RS endpoints (the configured routes are observed by
 * {@code api.ConfiguredRouteFilter}): gives every request an id (echoed as {@code X-Request-Id}), and when it is
 * done — after the body is written, for streamed bodies (the streaming body is wrapped) — records it
 * ({@link RequestRecorder}).
 */
@Provider
@PreMatching
@Priority(100)
public class RequestObservationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = "gpr.started";
    private static final String ID = "gpr.request-id";

    @Inject
    RequestRecorder recorder;
    @Inject
    RouteLabel routeLabel;

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
        recorder.answered(response.getStatus(), response.getEntity());
        Long started = (Long) request.getProperty(STARTED);
        RequestRecorder.Finished finished = new RequestRecorder.Finished(request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(), route(), response.getStatus(), contentLength(response),
                started == null ? System.nanoTime() : started, String.valueOf(id), recorder.caller());
        if (response.getEntity() instanceof StreamingOutput body) {
            Object length = response.getHeaders().getFirst("Content-Length");
            response.setEntity((StreamingOutput) out -> {
                try {
                    body.write(out);
                } finally {
                    recorder.finished(finished, true);
                }
            }, response.getEntityAnnotations(), response.getMediaType());
            if (length != null) {
                response.getHeaders().putSingle("Content-Length", length);
            }
        } else {
            recorder.finished(finished, false);
        }
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
}
