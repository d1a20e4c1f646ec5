package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The local cluster the {@code cluster} Maven profile starts with {@code deploy/local-cluster.sh up} (its
 * settings arrive as system properties {@code it.cluster.*}): node URLs, the load balancer's, the admin
 * password, and the script's {@code kill K} / {@code start K} for crash tests. Nodes are numbered from 1.
 */
public final class ClusterNodes {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    public static final String ADMIN_PASSWORD = System.getProperty("it.cluster.admin.password", "Cluster-IT-Passphrase-4711");
    /** How long a change on one node may take to reach another (docs/security.md, "Cluster"), with test slack. */
    public static final Duration PROPAGATION = Duration.ofSeconds(Long.getLong("it.cluster.propagation.seconds", 5));

    private static final int BASE_PORT = Integer.getInteger("it.cluster.base.port", 9180);
    private static final String SCRIPT = System.getProperty("it.cluster.script", "deploy/local-cluster.sh");
    private static final String DIR = System.getProperty("it.cluster.dir", "target/local-cluster");

    private ClusterNodes() {
    }

    /** How many nodes the cluster has. */
    public static int count() {
        return Integer.getInteger("it.cluster.nodes", 2);
    }

    /** Node k's base URL (http://127.0.0.1:port). */
    public static String url(int k) {
        return System.getProperty("it.cluster.node." + k, "http://127.0.0.1:" + (BASE_PORT + k));
    }

    /** HAProxy's base URL. */
    public static String lb() {
        return System.getProperty("it.cluster.lb", "http://127.0.0.1:" + BASE_PORT);
    }

    /** SIGKILL of node k (no clean stop). */
    public static void kill(int k) {
        script("kill", Integer.toString(k));
    }

    /** Starts node k again on its data; returns once it is ready. */
    public static void start(int k) {
        script("start", Integer.toString(k));
        awaitReady(k);
    }

    /** Waits until node k answers /health/ready with 200 (at most 5 minutes). */
    public static void awaitReady(int k) {
        await("node " + k + " ready", Duration.ofMinutes(5), () -> status(url(k), "/health/ready") == 200);
    }

    /** The HTTP status of an anonymous GET, 0 when nothing answers. */
    public static int status(String base, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static long await(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A reply with its body as text. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    public static HttpRequest.Builder request(String base, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    public static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static Reply get(String base, String path, String token) {
        return send(request(base, path, token).GET().build());
    }

    public static Reply json(String method, String base, String path, String token, String body) {
        return send(request(base, path, token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Logs in on {@code base}; the session token. */
    public static String login(String base, String username, String password) {
        Reply r = json("POST", base, "/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.status(), "login of " + username + " on " + base + ": " + r.body());
        return r.json().path("token").asText();
    }

    /** The admin's session token, logged in on node k. */
    public static String admin(int k) {
        return login(url(k), "admin", ADMIN_PASSWORD);
    }

    private static void script(String... args) {
        try {
            ProcessBuilder pb = new ProcessBuilder(SCRIPT).redirectErrorStream(true);
            pb.command().addAll(List.of(args));
            pb.environment().put("GPR_CLUSTER_DIR", DIR);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(6, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(SCRIPT + " " + String.join(" ", args) + " timed out: " + out);
            }
            assertEquals(0, p.exitValue(), SCRIPT + " " + String.join(" ", args) + ": " + out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
