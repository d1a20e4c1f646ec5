package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Metrics move with traffic, every response has a request id that errors and the access log repeat. */
class ObservabilityIT {
    private final String admin = Http.admin();

    @Test
    void domainMetricsMoveAfterPublishAndDownload() {
        String ns = Http.unique("metrics");
        double published = metric("gpr_events", "artifact.published");
        double bytesIn = metric("gpr_blob_received_bytes_total", null);
        double bytesOut = metric("gpr_blob_sent_bytes_total", null);
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "0123456789").status());
        assertEquals(200, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), admin).status());
        String text = Http.get("/metrics", Http.SCRAPE).body();
        assertTrue(metric("gpr_events", "artifact.published") >= published + 1, "publish counted");
        assertTrue(metric("gpr_blob_received_bytes_total", null) >= bytesIn + 10, "bytes in counted");
        assertTrue(metric("gpr_blob_sent_bytes_total", null) >= bytesOut + 10, "bytes out counted");
        assertTrue(text.contains("gpr_http_requests") && text.contains("route=\"publish_artifact_blob\""), "per-route timer");
        assertTrue(text.contains("gpr_http_requests_seconds_bucket") || text.contains("gpr_http_requests_bucket"),
                "latency histogram buckets");
        assertTrue(text.lines().noneMatch(l -> l.startsWith("gpr_") && l.contains("quantile=")),
                "no client-side percentiles: their HdrHistograms cost ~0.5 MiB per timer and filled the heap");
        assertTrue(text.contains("gpr_lmdb_map_size_bytes") && text.contains("gpr_event_log_length"));
        assertTrue(text.contains("gpr_cache_hits_total{cache=\"response\""), "one naming scheme for the caches");
        assertTrue(text.lines().noneMatch(l -> l.startsWith("gpr_response_cache_")), "no second name for cache counts");
    }

    @Test
    void errorsAreCountedByCode() {
        double before = metric("gpr_errors", "NOT_FOUND");
        assertEquals(404, Http.get("/v1/" + Http.unique("nf") + "/app/1.0.0/x/blob", admin).status());
        assertTrue(metric("gpr_errors", "NOT_FOUND") >= before + 1);
    }

    @Test
    void requestIdIsEchoedAndInErrorBodies() {
        Http.Reply ok = Http.get("/auth/me", admin);
        assertNotNull(ok.header("X-Request-Id"));
        Http.Reply mine = Http.send(Http.request("/no/such/path", admin).header("X-Request-Id", "test-req-42").GET().build());
        assertEquals("test-req-42", mine.header("X-Request-Id"));
        assertEquals("test-req-42", mine.json().path("error").path("request_id").asText());
        Http.Reply insane = Http.send(Http.request("/no/such/path", admin).header("X-Request-Id", "bad id with spaces").GET().build());
        assertTrue(!insane.header("X-Request-Id").contains(" "));
        assertEquals(insane.header("X-Request-Id"), insane.json().path("error").path("request_id").asText());
    }

    private static final Path ACCESS_LOG = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"),
            "usr/servers/gpr/logs/access.log");

    /** The access-log lines (JSON objects) carrying one of the ids, waiting up to a minute for all of them. */
    private static Map<String, JsonNode> accessLines(Set<String> ids) throws Exception {
        Map<String, JsonNode> found = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (found.size() < ids.size() && System.nanoTime() < deadline) {
            found.clear();
            List<String> lines = Files.exists(ACCESS_LOG) ? Files.readAllLines(ACCESS_LOG) : List.of();
            for (String line : lines) {
                if (line.startsWith("{\"type\":\"access\"")) {
                    JsonNode entry = Http.MAPPER.readTree(line);
                    String id = entry.path("request_id").asText();
                    if (ids.contains(id) && found.put(id, entry) != null) {
                        throw new AssertionError("two access-log lines for " + id);
                    }
                }
            }
            if (found.size() < ids.size()) {
                Thread.sleep(250);
            }
        }
        return found;
    }

    @Test
    void accessLogLineIsJsonWithTheFields() throws Exception {
        String id = Http.unique("access-log");
        Http.send(Http.request("/v1/" + Http.unique("al") + "/app/latest", admin).header("X-Request-Id", id).GET().build());
        JsonNode entry = accessLines(Set.of(id)).get(id);
        assertNotNull(entry, "access log line for " + id + " in " + ACCESS_LOG);
        assertEquals(id, entry.path("request_id").asText());
        assertEquals("resolve_latest", entry.path("route").asText());
        assertEquals(404, entry.path("status").asInt());
        assertEquals("admin", entry.path("principal").asText());
        assertTrue(entry.has("bytes") && entry.has("duration_ms") && entry.has("method") && entry.has("path")
                && entry.path("time").asText().endsWith("Z"));
        Path messages = ACCESS_LOG.resolveSibling("messages.log");
        assertTrue(Files.readAllLines(messages).stream().noneMatch(l -> l.contains(id)),
                "written once, not also through Liberty's log handler");
    }

    @Test
    void concurrentRequestsEachGetOneAccessLogLine() throws Exception {
        int n = 200;
        String prefix = Http.unique("conc");
        Set<String> ids = new HashSet<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            String path = i % 2 == 0 ? "/auth/me" : "/v1/" + prefix + "/app/latest";
            sent.add(CompletableFuture.runAsync(() ->
                    Http.send(Http.request(path, admin).header("X-Request-Id", id).GET().build()), clients));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        clients.shutdown();
        Map<String, JsonNode> found = accessLines(ids);
        assertEquals(ids, found.keySet(), "one line per request, each with its request id");
    }

    @Test
    void openapiListsTheFixedEndpoints() {
        Http.Reply r = Http.send(Http.request("/openapi", Http.SCRAPE).header("Accept", "application/json").GET().build());
        assertEquals(200, r.status());
        JsonNode paths = r.json().path("paths");
        for (String p : new String[] {"/auth/login", "/auth/me", "/auth/change-password", "/schema", "/admin/config",
                "/admin/events", "/v1/{namespace}/{name}/{version}/{variant}/blob", "/v1/{namespace}/{name}/latest",
                "/v1/{namespace}/{name}/versions"}) {
            assertTrue(paths.has(p), p + " missing from " + paths.fieldNames());
        }
        assertEquals(200, Http.get("/openapi/ui/", Http.SCRAPE).status());
    }

    /** The value of the first Prometheus sample whose name starts with {@code name} and whose labels contain {@code label}. */
    static double metric(String name, String label) {
        String text = Http.get("/metrics", Http.SCRAPE).body();
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && !line.startsWith("#") && (label == null || line.contains("\"" + label + "\""))
                    && !line.contains("_bucket") && !line.contains("_created")) {
                String[] parts = line.trim().split(" ");
                total += Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return total;
    }
}
