package com.goodpackagerepo.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.CurrentPrincipal;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * What both request paths (the fixed JAX-RS endpoints and the configured routes) record about a request when it
 * is done: its timer and, for error bodies, the error-code counter; the blob bytes it sent; one access-log line
 * ({@link AccessLog}, written off the request thread).
 */
@ApplicationScoped
public class RequestRecorder {
    @Inject
    RepositoryMetrics metrics;
    @Inject
    AccessLog accessLog;
    @Inject
    CurrentPrincipal principal;

    /** A finished request. */
    public record Finished(String method, String path, String route, int status, long bytes, long startedNanos,
                           String requestId, String principal) {
    }

    /** Counts the error code of an error body ({@code {"error":{"code":…}}}) the request answers with. */
    public void answered(int status, Object entity) {
        if (status >= 400 && entity instanceof String body && body.startsWith("{\"error\"")) {
            metrics.error(errorCode(body));
        }
    }

    /** The caller's subject, or null for an anonymous request (or outside a request context). */
    public String caller() {
        try {
            Principal p = principal.get();
            return p == null ? null : p.sub();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Records a finished request; {@code streamed} when its body was a stream (a blob) rather than a document. */
    public void finished(Finished r, boolean streamed) {
        Duration duration = Duration.ofNanos(System.nanoTime() - r.startedNanos());
        metrics.request(r.route(), r.method(), r.status(), duration);
        if (streamed && r.status() < 300 && r.bytes() > 0) {
            metrics.blobBytesOut(r.bytes());
        }
        accessLog.record(r.requestId(), r.method(), r.path(), r.route(), r.status(), r.bytes(), duration.toNanos(),
                r.principal());
        RequestIds.clear();
    }

    private static String errorCode(String body) {
        try {
            JsonNode node = Json.parse(body);
            return node.path("error").path("code").asText("UNKNOWN");
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }
}
