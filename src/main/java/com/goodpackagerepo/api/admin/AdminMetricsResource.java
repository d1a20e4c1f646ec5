package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.observability.HistorySample;
import com.goodpackagerepo.observability.MetricsHistory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /admin/metrics/history} (admin scope): the dashboard's time series, oldest first, the last point taken
 * now. Each point carries the totals and, from the second on, the rates over the interval since the point before.
 */
@Path("/admin/metrics/history")
@Produces(MediaType.APPLICATION_JSON)
public class AdminMetricsResource {
    @Inject
    MetricsHistory history;
    @Inject
    Authenticator authenticator;

    @GET
    public Response history() {
        authenticator.require("admin");
        return JsonBodies.ok(new AdminReplies.MetricsSamples(history.intervalSeconds(), view(history.withCurrent())));
    }

    static ArrayNode view(List<HistorySample> samples) {
        ArrayNode out = Json.array();
        HistorySample previous = null;
        for (HistorySample s : samples) {
            ObjectNode item = out.addObject();
            item.put("at", s.at().toString());
            item.put("stored_bytes", s.storedBytes());
            item.put("blob_count", s.blobCount());
            item.put("artifact_count", s.artifactCount());
            item.put("requests_total", s.requests());
            item.put("publishes_total", s.publishes());
            double seconds = previous == null ? 0 : (s.at().toEpochMilli() - previous.at().toEpochMilli()) / 1000.0;
            boolean rated = previous != null && seconds > 0 && s.requests() >= previous.requests();
            if (rated) {
                item.put("requests_per_second", Math.round((s.requests() - previous.requests()) / seconds * 1000) / 1000.0);
                item.put("client_errors", s.clientErrors() - previous.clientErrors());
                item.put("server_errors", s.serverErrors() - previous.serverErrors());
                item.put("publishes", s.publishes() - previous.publishes());
            } else {
                item.putNull("requests_per_second");
                item.putNull("client_errors");
                item.putNull("server_errors");
                item.putNull("publishes");
            }
            ObjectNode latency = item.putObject("latency_ms");
            double[] p = s.latencyMs();
            if (p == null) {
                latency.putNull("p50");
                latency.putNull("p95");
                latency.putNull("p99");
            } else {
                latency.put("p50", p[0]);
                latency.put("p95", p[1]);
                latency.put("p99", p[2]);
            }
            previous = s;
        }
        return out;
    }
}
