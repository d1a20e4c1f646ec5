package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded, bounded random-request generator over every route and header class a client can get wrong, sent over
 * raw sockets so that malformed request lines, headers and framing reach the server as written. Every answer must
 * be below 500; every error the application can see must carry the JSON error body with a request id equal to the
 * X-Request-Id header; and the server must still serve at the end.
 *
 * <p>Framing the HTTP channel refuses while parsing (a header line without a colon, a garbage request line, a header
 * line over 64 KiB, a space inside the target that it reads as an HTTP version) never reaches the application, but
 * gets the same JSON error body through the channel's error-page service (ChannelErrorPages). One class stays
 * Liberty's own answer, only required to be a 4xx (docs/api.md, "Errors refused before the application"): a request
 * path the web container cannot percent-decode or canonicalise, refused before it picks an application.
 * {@link #whatLibertyRefusesBeforeTheApplication} pins each class exactly.
 *
 * <p>{@code -Dit.hostile.seed=N} replays a run; {@code -Dit.hostile.requests=N} (default 1500) and
 * {@code -Dit.hostile.seconds=N} (default 90) bound it.
 */
class HostileInputIT {
    private static final long SEED = Long.getLong("it.hostile.seed", 20261203L);
    private static final int REQUESTS = Integer.getInteger("it.hostile.requests", 1500);
    private static final long SECONDS = Long.getLong("it.hostile.seconds", 90);

    private static final String[] METHODS = {"GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
        "TRACE", "BREW", "get", "CONNECT"};
    /** Every fixed endpoint family and the data plane; names that exist nowhere, so nothing real is changed. */
    private static final String[] PATHS = {"/auth/login", "/auth/me", "/auth/refresh", "/auth/logout",
        "/auth/change-password", "/auth/tokens", "/auth/tokens/nosuchtoken", "/auth", "/admin/users",
        "/admin/users/hostile-nobody", "/admin/auth/scopes", "/admin/config", "/admin/features", "/admin/events",
        "/admin/store/stats", "/admin/store/keys", "/admin/store/dashboard", "/admin/gc/settings", "/admin/gc/runs/nope",
        "/admin/routes", "/admin/upstreams", "/admin/entities", "/admin/tokens/nope", "/admin/blob-stores",
        "/admin/artifacts/hostile/pkg/1.0.0/x", "/admin/collections/nope", "/v1/catalog/namespaces",
        "/v1/catalog/package", "/schema", "/v1/hostile/pkg/1.0.0/linux/blob", "/v1/hostile/pkg/latest",
        "/v1/hostile/pkg/versions", "/v1/hostile/pkg/tags/t", "/v1/hostile", "/ui/", "/ui/app.js", "/", "/nowhere",
        "/health", "/health/ready", "/health/live", "/health/started"};
    private static final String[] QUERIES = {"", "", "?limit=5", "?%zz=%zz", "?a=%", "?a=%4", "?limit=-1&limit=x",
        "?cursor=%00%ff", "?prefix=%E2%82", "?a={}", "?a=|", "?a=b c", "?" + "x".repeat(3000), "?a=%C0%AE", "?&&&=="};
    /** Path forms the web container checks before the application's filters (its error page answers them). */
    private static final List<String> CONTAINER_CHECKED = List.of("/%2e%2e/x", "/a%5Cb", "/a%2Fb");
    private static final String[] PATH_SUFFIXES = {"", "", "", "/", "//", "/%2e%2e/x", "/a{b}", "/a|b", "/a^b",
        "/a%5Cb", "/a\"b", "/" + "s".repeat(4000), "/%E2%82%AC", "/a;b=c", "/a%2Fb", "/a`b", "/a<b>"};
    private static final String[] AUTHORIZATIONS = {null, null, "Bearer\tabc", "Bearer ", "Bearer", "Basic YTpi",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "Bearer a.b.c", "Bearer gpr_forged_0123456789",
        "Bearer " + "A".repeat(40_000), "bearer  x", "Digest x", "Bearer \u00e9\u00e9"};
    private static final String[] CONTENT_TYPES = {null, "application/json", "*/*", "text/plain",
        "application/json; charset=ebcdic", "multipart/form-data; boundary=", "garbage", "application/octet-stream"};
    private static final String[] ACCEPTS = {null, "image/png", "*/*", "application/json;q=x", "text/html",
        "application/xml"};
    private static final String[] BODIES = {"", "{\"username\": 1e+300, \"password\": null}", "{", "[]", "null",
        "{\"username\":[1],\"password\":{}}", "[".repeat(5000), "{\"a\":\"\\ud800\"}", "\u0000\u0001\u0002",
        "{\"target_version\":7}", "{\"scopes\":\"admin\"}", "{\"username\":\"x\"}", "\"str\"", "1e99999"};

    @org.junit.jupiter.api.BeforeAll
    static void serverIsReady() {
        Http.awaitReady(java.time.Duration.ofMinutes(4)); // on a loaded machine the application starts well after Liberty
    }

    /** One generated request, and what the server may answer to it. */
    private record Case(String description, byte[] bytes, boolean reachesApplication, boolean head, boolean libertyOwned,
                        boolean splitRequestLine) {
    }

    @Test
    void noServerErrorsAndJsonErrorsWithRequestIdsUnderRandomHostileRequests() throws Exception {
        String readToken = Users.token("hostile", "read");
        String adminToken = Http.login("admin", Http.ADMIN_PASSWORD);
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<String> failures = new ArrayList<>();
        int sent = 0;
        while (sent < REQUESTS && System.nanoTime() < deadline) {
            Case c = generate(random, readToken, adminToken);
            sent++;
            RawHttp.Answer a = RawHttp.send(c.bytes());
            String problem = check(c, a);
            if (problem != null && failures.size() < 20) {
                failures.add(problem + " <- " + c.description() + " -> " + a.status() + " " + a.headers() + " "
                        + a.text().substring(0, Math.min(300, a.text().length())));
            }
        }
        assertTrue(sent >= Math.min(REQUESTS, 200), "only " + sent + " requests in " + SECONDS + " s");
        assertTrue(failures.isEmpty(), "seed " + SEED + ", " + sent + " requests, failures:\n" + String.join("\n", failures));
        assertEquals(200, Http.get("/health/ready", null).status(), "the server still serves");
        assertEquals(200, Http.get("/auth/me", readToken).status(), "and authenticates");
    }

    private static String check(Case c, RawHttp.Answer a) {
        if (a.status() == 0) {
            return "no HTTP answer";
        }
        if (a.status() >= 500) {
            return "server error";
        }
        if (a.status() < 400) {
            return null;
        }
        if (!c.reachesApplication() || c.libertyOwned()) {
            return null; // 4xx, written by Liberty (docs/api.md, Errors refused before the application)
        }
        String requestId = a.header("X-Request-Id");
        if (requestId == null || requestId.isEmpty()) {
            return "no X-Request-Id";
        }
        String type = a.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "not JSON";
        }
        if (c.head()) {
            return null;
        }
        try {
            JsonNode error = Http.MAPPER.readTree(a.body()).path("error");
            if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
                return "no error code/message";
            }
            if (!requestId.equals(error.path("request_id").asText())) {
                return "request_id differs from X-Request-Id";
            }
        } catch (java.io.IOException e) {
            return "body is not JSON";
        }
        return null;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Case generate(Random random, String readToken, String adminToken) {
        String method = pick(random, METHODS);
        String base = pick(random, PATHS);
        boolean libertyOwned = base.startsWith("/health");
        String suffix = libertyOwned ? "" : pick(random, PATH_SUFFIXES);
        String query = libertyOwned ? "" : pick(random, QUERIES);
        String target = base + suffix + query;
        // a space splits the request line: the HTTP channel refuses it (as JSON, through ChannelErrorPages)
        boolean split = query.contains(" ");
        boolean containerUri = false;
        // the container refuses TRACE on these itself, with no error page
        containerUri |= method.equals("TRACE") && CONTAINER_CHECKED.contains(suffix);
        // TRACE on the static UI: Liberty's file serving answers an empty 403 itself once it has served the file
        containerUri |= method.equals("TRACE") && (base.startsWith("/ui/") || base.equals("/"));
        // and a dot segment above the root ("//%2e%2e/x") before it picks an application
        containerUri |= base.equals("/") && CONTAINER_CHECKED.contains(suffix);
        if (!libertyOwned && random.nextInt(12) == 0) { // percent-escapes the web container cannot decode
            target = base + pick(random, new String[] {"/a%zzb", "/%00", "/a%", "/%g1"}) + query;
            containerUri = true;
        }
        String authorization = pick(random, AUTHORIZATIONS);
        int tokenChoice = random.nextInt(6);
        if (tokenChoice == 0) {
            authorization = "Bearer " + readToken;
        } else if (tokenChoice == 1 && (method.equals("GET") || method.equals("HEAD"))) {
            authorization = "Bearer " + adminToken; // only reads with the admin token: nothing real changes
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n").append(RawHttp.hostHeader());
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        String contentType = pick(random, CONTENT_TYPES);
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        String accept = pick(random, ACCEPTS);
        if (accept != null) {
            head.append("Accept: ").append(accept).append("\r\n");
        }
        switch (random.nextInt(10)) {
            case 0 -> head.append("Cookie: s=").append("c".repeat(32 * 1024)).append("\r\n");
            case 1 -> head.append("X-Request-Id: ").append("bad id with spaces").append("\r\n");
            case 2 -> head.append("X-Request-Id: hostile-").append(random.nextInt(1000)).append("\r\n");
            case 3 -> head.append("If-Match: \"").append("x".repeat(100)).append("\"\r\n");
            case 4 -> head.append("Range: bytes=9-1,x\r\n");
            default -> { }
        }
        boolean framing = false;
        byte[] body = pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
        int framingChoice = random.nextInt(14);
        switch (framingChoice) {
            case 0 -> {
                head.append("Transfer-Encoding: chunked\r\n\r\n").append("zz\r\nxx\r\n0\r\n\r\n");
                return new Case(head.toString(), bytes(head, new byte[0]), split || !containerUri, method.equals("HEAD"), libertyOwned, split);
            }
            case 1 -> head.append("Content-Length: abc\r\n");
            case 2 -> head.append("Content-Length: ").append(body.length + 10).append("\r\n");
            case 3 -> {
                head.append("Header Without Colon\r\n");
                framing = true;
            }
            case 4 -> {
                head.setLength(0);
                head.append("\u0001\u0002 GARBAGE\r\n");
                framing = true;
            }
            case 5 -> {
                head.append("X-Huge: ").append("h".repeat(70 * 1024)).append("\r\n");
                framing = true;
            }
            default -> head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (framingChoice != 2) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        String description = method + " " + (target.length() > 120 ? target.substring(0, 120) + "..." : target)
                + " auth=" + (authorization == null ? "-" : authorization.substring(0, Math.min(20, authorization.length())))
                + " ct=" + contentType + " accept=" + accept + " framing=" + framingChoice
                + " body=" + new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
        // what the HTTP channel refuses never meets the web container's URI checks: it answers first, as JSON
        boolean channel = framing || split;
        return new Case(description, bytes(head, body), channel || !containerUri, method.equals("HEAD"), libertyOwned, split);
    }

    private static byte[] bytes(CharSequence head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        out.write(h, 0, h.length);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    /**
     * Each class of request Liberty refuses before the application, pinned exactly: the HTTP channel's refusals carry
     * the JSON error body and a request id (ChannelErrorPages), the web container's refusal of a path it cannot
     * decode is Liberty's own body without a request id (docs/api.md, "Errors refused before the application").
     */
    @Test
    void whatLibertyRefusesBeforeTheApplication() throws Exception {
        String host = RawHttp.hostHeader();
        Map<String, String> channelRefusals = new java.util.LinkedHashMap<>();
        channelRefusals.put("header line without a colon", "GET /auth/me HTTP/1.1\r\n" + host
                + "X-Request-Id: pinned-no-colon\r\nBad Header\r\nConnection: close\r\n\r\n");
        channelRefusals.put("garbage request line", "\u0001 GARBAGE\r\n\r\n");
        channelRefusals.put("header line over 64 KiB", "GET /auth/me HTTP/1.1\r\n" + host + "X-Huge: " + "h".repeat(70 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        channelRefusals.put("space inside the target (read as the version)", "GET /auth/me?a=b c HTTP/1.1\r\n" + host
                + "Connection: close\r\n\r\n");
        channelRefusals.put("malformed HTTP version", "GET /auth/me HTTX/1.1\r\n" + host + "Connection: close\r\n\r\n");
        channelRefusals.put("1,000 headers", "GET /auth/me HTTP/1.1\r\n" + host
                + "X-Many: x\r\n".repeat(1000) + "Connection: close\r\n\r\n");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> refusal : channelRefusals.entrySet()) {
            RawHttp.Answer a = RawHttp.send(refusal.getValue().getBytes(StandardCharsets.ISO_8859_1));
            String problem = a.status() != 400 && a.status() != 413 ? "status " + a.status() : jsonErrorProblem(a);
            if (problem != null) {
                wrong.add(refusal.getKey() + ": " + problem + " <- " + a.status() + " " + a.headers() + " " + a.text());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));

        // the web container refuses a path it cannot percent-decode before it chooses an application: Liberty's body
        RawHttp.Answer undecodable = RawHttp.send(("GET /v1/a%zzb/c HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, undecodable.status());
        assertNull(undecodable.header("X-Request-Id"), "refused before an application is chosen");
        assertTrue(undecodable.text().contains("CWWWC0005I"), undecodable.text());
        // ... which is JSON, though not ours, for a client that asks for JSON
        RawHttp.Answer undecodableJson = RawHttp.send(("GET /%00 HTTP/1.1\r\n" + host + "Accept: application/json\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, undecodableJson.status());
        assertTrue(undecodableJson.header("Content-Type").startsWith("application/json"), undecodableJson.headers().toString());
        assertTrue(Http.MAPPER.readTree(undecodableJson.body()).path("error_message").asText().startsWith("CWWWC0005I"),
                undecodableJson.text());

        // inside the channel's limits the application answers, as JSON with a request id
        Map<String, String> applicationAnswers = new java.util.LinkedHashMap<>();
        applicationAnswers.put("a 40 KB token", "GET /auth/me HTTP/1.1\r\n" + host + "Authorization: Bearer " + "A".repeat(40_000)
                + "\r\nConnection: close\r\n\r\n");
        applicationAnswers.put("a tab after Bearer", "GET /auth/me HTTP/1.1\r\n" + host + "Authorization: Bearer\tabc\r\n"
                + "Connection: close\r\n\r\n");
        applicationAnswers.put("a 32 KiB cookie", "GET /admin/users HTTP/1.1\r\n" + host + "Cookie: s=" + "c".repeat(32 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        applicationAnswers.put("a malformed query", "GET /auth/login?%zz=%zz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        applicationAnswers.put("bad chunked framing", "POST /auth/login HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nxx\r\n0\r\n\r\n");
        applicationAnswers.put("an unknown method", "BREW /auth/me HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        applicationAnswers.put("an Accept nothing produces", "GET /auth/me HTTP/1.1\r\n" + host + "Accept: image/png\r\n"
                + "Connection: close\r\n\r\n");
        applicationAnswers.put("a method with a separator", "G(T /auth/me HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        applicationAnswers.put("an HTTP version of digits it does not speak", "GET /auth/me HTTP/2.5\r\n" + host
                + "Connection: close\r\n\r\n");
        applicationAnswers.put("TRACE", "TRACE /auth/me HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        for (Map.Entry<String, String> request : applicationAnswers.entrySet()) {
            RawHttp.Answer a = RawHttp.send(request.getValue().getBytes(StandardCharsets.ISO_8859_1));
            String problem = a.status() < 400 || a.status() >= 500 ? "status " + a.status() : jsonErrorProblem(a);
            if (problem != null) {
                wrong.add(request.getKey() + ": " + problem + " <- " + a.status() + " " + a.headers() + " " + a.text());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        RawHttp.Answer noColon = RawHttp.send(channelRefusals.get("header line without a colon").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("INVALID_REQUEST", Http.MAPPER.readTree(noColon.body()).path("error").path("code").asText(), noColon.text());
        assertEquals("pinned-no-colon", noColon.header("X-Request-Id"), "the caller's id, read before the bad line");
        RawHttp.Answer split = RawHttp.send(channelRefusals.get("space inside the target (read as the version)")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, split.status(), "not the channel's 505: the request line is the client's mistake");
    }

    /** What is wrong with an error answer (JSON body, request id equal to X-Request-Id), or null. */
    private static String jsonErrorProblem(RawHttp.Answer a) {
        String requestId = a.header("X-Request-Id");
        if (requestId == null || requestId.isEmpty()) {
            return "no X-Request-Id";
        }
        String type = a.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "not JSON";
        }
        try {
            JsonNode error = Http.MAPPER.readTree(a.body()).path("error");
            if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
                return "no error code/message";
            }
            return requestId.equals(error.path("request_id").asText()) ? null : "request_id differs from X-Request-Id";
        } catch (java.io.IOException e) {
            return "body is not JSON";
        }
    }
}
