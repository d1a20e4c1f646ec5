package com.goodpackagerepo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the integration tests, talking to the real Liberty server. */
public final class Http {
    public static final String BASE = System.getProperty("it.base.url", "http://localhost:9080");
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    static {
        // liberty:start returns when the server is up, which on a loaded machine can be a minute before the
        // application is: until then the public port answers 404 for everything
        awaitReady(Duration.ofMinutes(10));
    }
    public static final String ADMIN_PASSWORD = adminPassword();
    /** The IT server's static scrape token (gpr.metrics.token): /metrics, /openapi and health details need it. */
    public static final String SCRAPE = System.getProperty("it.metrics.token", "it-scrape-token-0123456789abcdefghijklmnop");

    private Http() {
    }

    /** A response with its body as text (and parsed JSON when it is JSON). */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    public static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
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

    public static Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public static Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public static Reply head(String path, String token) {
        return send(request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    public static Reply postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static Reply putJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static Reply putBytes(String path, String token, byte[] body) {
        return send(request(path, token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public static String login(String username, String password) {
        Reply r = postJson("/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("login failed for " + username + ": " + r.status() + " " + r.body());
        }
        return r.json().path("token").asText();
    }

    private static volatile String adminToken;

    /** it.admin.password when given, else the bootstrap password the server wrote on first start. */
    private static String adminPassword() {
        String configured = System.getProperty("it.admin.password", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"),
                "usr/servers/gpr/data/bootstrap-admin-password");
        if (!java.nio.file.Files.exists(file)) {
            // Liberty reports the server started before the application has (a minute later on a loaded machine)
            awaitReady(Duration.ofMinutes(10));
        }
        try {
            return java.nio.file.Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no admin password: set it.admin.password or start a fresh server", e);
        }
    }

    /** A token of the bootstrap admin (all scopes), cached for the test run. */
    public static String admin() {
        String token = adminToken;
        if (token == null || get("/auth/me", token).status() != 200) {
            token = login("admin", ADMIN_PASSWORD);
            adminToken = token;
        }
        return token;
    }

    /** A unique lower-case name for test data, so tests never collide with each other or with reruns. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /**
     * Waits until /health/ready answers 200 on the public port: the application answers it there (Liberty's own
     * endpoint is on the management port), so a 200 means the application has started and every check is UP.
     */
    public static void awaitReady(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("server not ready within " + timeout);
    }
}
