package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls an upstream repository with the upstream's own bounds: connect and read timeouts, at most
 * {@code retry.max_attempts} attempts for idempotent methods with {@code backoff_ms} between them (doubling
 * when {@code exponential}). Secrets come from the environment, never from the database. The body is
 * returned as a stream; a failure after the last attempt is reported as status 502.
 */
@ApplicationScoped
public class UpstreamClient {
    private static final Logger LOG = Logger.getLogger(UpstreamClient.class.getName());
    private static final Pattern ETAG_DIGEST = Pattern.compile("(?:sha256:)?([a-f0-9]{64})");

    private final Map<Long, HttpClient> clients = new ConcurrentHashMap<>();

    public UpstreamResponse fetch(String name, JsonNode upstream, String method, String path) {
        long connectMs = upstream.path("timeouts_ms").path("connect").asLong(2000);
        long readMs = upstream.path("timeouts_ms").path("read").asLong(10000);
        int attempts = Math.max(1, upstream.path("retry").path("max_attempts").asInt(1));
        long backoff = upstream.path("retry").path("backoff_ms").asLong(0);
        boolean exponential = upstream.path("retry").path("exponential").asBoolean(false);
        boolean idempotent = method.equals("GET") || method.equals("HEAD");
        URI uri = URI.create(stripSlash(upstream.path("base_url").asText()) + path);
        HttpClient client = clients.computeIfAbsent(connectMs, ms -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(ms)).followRedirects(HttpClient.Redirect.NORMAL).build());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(readMs))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authenticate(request, upstream.path("auth"));
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() >= 500 && idempotent && attempt < attempts) {
                    response.body().close();
                } else {
                    return toResponse(response);
                }
            } catch (IOException e) {
                LOG.fine(() -> "upstream " + name + " attempt failed: " + e);
                if (!idempotent || attempt >= attempts) {
                    return failed();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed();
            }
            sleep(exponential ? backoff << (attempt - 1) : backoff);
        }
    }

    private static UpstreamResponse toResponse(HttpResponse<InputStream> response) throws IOException {
        ObjectNode headers = Json.object();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        if (response.statusCode() != 200) {
            response.body().close();
            return new UpstreamResponse(response.statusCode(), headers, null);
        }
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        return new UpstreamResponse(200, headers, new UpstreamBody(response.body(), statedDigest(response), length));
    }

    static String statedDigest(HttpResponse<?> response) {
        String etag = response.headers().firstValue("etag").orElse("").replace("\"", "").toLowerCase(Locale.ROOT);
        Matcher m = ETAG_DIGEST.matcher(etag);
        return m.matches() ? "sha256:" + m.group(1) : null;
    }

    private static void authenticate(HttpRequest.Builder request, JsonNode auth) {
        String mode = auth.path("mode").asText("none");
        switch (mode) {
            case "bearer_token" -> env(auth.path("token_env").asText("UPSTREAM_TOKEN"))
                    .ifPresent(t -> request.header("Authorization", "Bearer " + t));
            case "basic" -> env(auth.path("password_env").asText("UPSTREAM_PASSWORD")).ifPresent(p -> request.header(
                    "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (auth.path("username").asText() + ":" + p).getBytes(StandardCharsets.UTF_8))));
            case "api_key" -> env(auth.path("key_env").asText("UPSTREAM_API_KEY"))
                    .ifPresent(k -> request.header(auth.path("header").asText("X-API-Key"), k));
            default -> { }
        }
    }

    private static java.util.Optional<String> env(String name) {
        return java.util.Optional.ofNullable(System.getenv(name)).filter(v -> !v.isEmpty());
    }

    private static UpstreamResponse failed() {
        return new UpstreamResponse(502, Json.object(), null);
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
