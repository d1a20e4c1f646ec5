package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.ops.Promtool;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian package prometheus) with the shipped alert rules scrapes the IT server with the scrape
 * token, directly and through a relay this test starts and then stops — a gpr target that goes away, without
 * stopping the IT server every other test shares. The stopped target fires GprDown within its {@code for:} (plus
 * scrape and evaluation slack) while the live one stays silent, and every query of the Grafana dashboard returns
 * data when run with {@code promtool query instant}.
 */
@Tag("once") // scrapes and alert rules do not depend on the database: the H2 variant runs it
class PrometheusLiveIT {
    private static final Path PROMETHEUS = Path.of(System.getProperty("prometheus", "/usr/bin/prometheus"));
    private static final int PORT = Integer.getInteger("it.prometheus.port", 9095);
    private static final int RELAY_PORT = PORT + 1;
    private static final Duration DOWN_FOR = Duration.ofMinutes(1); // GprDown's for: in alerts.yml

    @Test
    void prometheusScrapesTheServerFiresGprDownForAStoppedTargetAndAnswersEveryDashboardQuery() throws Exception {
        Promtool.assumeInstalled();
        Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS),
                "prometheus not found at " + PROMETHEUS + ": install the Debian package prometheus (.ci/run does)");
        String alerts = Files.readString(Path.of("deploy/prometheus/alerts.yml"));
        assertTrue(alerts.contains("alert: GprDown\n        expr: up{job=\"gpr\"} == 0\n        for: 1m"),
                "the test waits for GprDown's for: of 1m");
        Path dir = Files.createTempDirectory("gpr-prometheus-it");
        HttpServer relay = relay();
        Process prometheus = null;
        try {
            URI base = URI.create(Http.BASE);
            Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                    "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                    "rule_files: ['" + Path.of("deploy/prometheus/alerts.yml").toAbsolutePath() + "']",
                    "scrape_configs:",
                    "  - job_name: gpr",
                    "    authorization: {type: Bearer, credentials: '" + Http.SCRAPE + "'}",
                    "    static_configs:",
                    "      - targets: ['" + base.getHost() + ":" + base.getPort() + "', '127.0.0.1:" + RELAY_PORT + "']",
                    ""));
            prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + PORT)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            String live = base.getHost() + ":" + base.getPort();
            String relayed = "127.0.0.1:" + RELAY_PORT;

            await("both targets up", Duration.ofSeconds(90), () -> query("up{job=\"gpr\"} == 1").size() == 2);
            traffic();
            await("the downloads scraped", Duration.ofSeconds(60),
                    () -> !query("rate(gpr_blob_sent_bytes_total[1m]) > 0").isEmpty());
            await("the upstream fetch scraped", Duration.ofSeconds(30), () -> !query("gpr_upstream_fetches_total").isEmpty());

            List<String> empty = new ArrayList<>();
            for (String expr : dashboardQueries()) {
                Promtool.Result r = Promtool.run(null, 60, "query", "instant", "http://127.0.0.1:" + PORT, expr);
                assertEquals(0, r.exitCode(), expr + ": " + r.output());
                if (r.output().isBlank()) {
                    empty.add(expr);
                }
            }
            assertEquals(List.of(), empty, "dashboard queries without data");
            assertTrue(query("ALERTS{alertname=\"GprDown\"}").isEmpty(), "silent while both targets are up");

            relay.stop(0);
            long stopped = System.nanoTime();
            await("GprDown pending for the stopped target", Duration.ofSeconds(30),
                    () -> !query("ALERTS{alertname=\"GprDown\",alertstate=\"pending\",instance=\"" + relayed + "\"}").isEmpty());
            await("GprDown firing for the stopped target", DOWN_FOR.plusSeconds(30),
                    () -> !query("ALERTS{alertname=\"GprDown\",alertstate=\"firing\",instance=\"" + relayed + "\"}").isEmpty());
            Duration took = Duration.ofNanos(System.nanoTime() - stopped);
            assertTrue(took.compareTo(DOWN_FOR) >= 0, "not before its for: " + took);
            assertTrue(took.compareTo(DOWN_FOR.plusSeconds(30)) <= 0, "within its for: plus slack: " + took);
            assertTrue(query("ALERTS{alertname=\"GprDown\",instance=\"" + live + "\"}").isEmpty(), "the live server stays silent");
        } finally {
            relay.stop(0);
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A stand-in gpr target: passes /metrics (with the caller's credential) through to the IT server. */
    private static HttpServer relay() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", RELAY_PORT), 0);
        server.createContext("/metrics", exchange -> {
            HttpRequest.Builder r = Http.request("/metrics", null).GET();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                r.header("Authorization", auth);
            }
            try {
                HttpResponse<byte[]> answer = Http.CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type").orElse("text/plain"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    /** Publishes, downloads, an error, a failed login, a GC dry run and a proxied fetch, so every panel has data. */
    private static void traffic() {
        String admin = Http.admin();
        String ns = Http.unique("prom");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "scraped").status());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), admin).status());
        }
        Http.get(Artifacts.blobPath(ns, "app", "9.9.9", "x"), admin);
        Http.postJson("/auth/login", null, "{\"username\":\"" + Http.unique("nobody") + "\",\"password\":\"wrong-password-1\"}");
        Http.postJson("/admin/gc/runs", admin, "{\"dry_run\":true}");
        // not held locally, so fetched from the upstream; counted whatever the upstream answers (down: "failed")
        Http.get("/v1/proxy/" + ns + "/app/2.0.0/x/blob", admin);
    }

    private static List<String> dashboardQueries() throws Exception {
        JsonNode dashboard = Http.MAPPER.readTree(Files.readString(Path.of("deploy/grafana/good-package-repo.json")));
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText().replace("$instance", ".*").replace("$__rate_interval", "1m"));
            }
        }
        assertTrue(exprs.size() >= 30, "the dashboard's queries: " + exprs.size());
        return exprs;
    }

    private static JsonNode query(String promql) {
        Http.Reply r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build());
        return r.status() == 200 ? r.json().path("data").path("result") : Http.MAPPER.createArrayNode();
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError e) {
                // Prometheus not answering yet
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(500);
        }
    }
}
