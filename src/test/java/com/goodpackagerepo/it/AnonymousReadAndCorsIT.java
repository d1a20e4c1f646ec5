package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarts the server with ALLOW_ANON_READ=true and a CORS origin in its environment (server.env), checks
 * what that opens and what stays closed, then restores the environment and restarts it again.
 */
class AnonymousReadAndCorsIT {
    private static final String UI = "http://localhost:3000";
    private static final Path SERVER_ENV = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"),
            "usr/servers/gpr/server.env");
    private static String originalEnv;
    private static boolean envChanged;
    private static String ns;

    @BeforeAll
    static void restartWithAnonymousReadsAndCors() throws Exception {
        String admin = Http.admin();
        ns = Http.unique("anon");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "public bytes").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/stable", admin,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        originalEnv = Files.exists(SERVER_ENV) ? Files.readString(SERVER_ENV) : null;
        envChanged = true;
        Files.writeString(SERVER_ENV, (originalEnv == null ? "" : originalEnv + "\n")
                + "ALLOW_ANON_READ=true\nGPR_CORS_ALLOWED_ORIGINS=" + UI + "\n", StandardCharsets.UTF_8);
        restart();
    }

    @AfterAll
    static void restoreTheEnvironment() throws Exception {
        if (!envChanged) {
            return;
        }
        if (originalEnv == null) {
            Files.deleteIfExists(SERVER_ENV);
        } else {
            Files.writeString(SERVER_ENV, originalEnv, StandardCharsets.UTF_8);
        }
        restart();
        assertEquals(401, Http.get("/v1/" + ns + "/app/latest", null).status(), "anonymous reads are off again");
    }

    @Test
    void publicRoutesCanBeReadWithoutAToken() {
        Http.Reply latest = Http.get("/v1/" + ns + "/app/latest", null);
        assertEquals(200, latest.status(), latest.body());
        assertEquals("1.0.0", latest.json().path("version").asText());
        assertEquals("public bytes", Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), null).body());
        assertEquals(200, Http.get("/v1/" + ns + "/app/versions", null).status());
        assertEquals(200, Http.get("/v1/" + ns + "/app/tags/stable", null).status());
    }

    @Test
    void writesAndAdminStillNeedAToken() {
        assertEquals(401, Artifacts.publish(null, ns, "app", "2.0.0", "x", "anonymous write").status());
        assertEquals(401, Http.putJson("/v1/" + ns + "/app/tags/stable", null,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        for (String path : new String[] {"/admin/config", "/admin/users", "/admin/store/stats", "/auth/me", "/auth/tokens"}) {
            assertEquals(401, Http.get(path, null).status(), path);
        }
        assertEquals(401, Http.postJson("/admin/keys/rotate", null, "").status());
        assertEquals(404, Http.get(Artifacts.blobPath(ns, "app", "2.0.0", "x"), Http.admin()).status());
    }

    @Test
    void nonPublicRoutesStayClosed() {
        String admin = Http.admin();
        String route = "{\"id\":\"it_private\",\"method\":\"GET\",\"path\":\"/v1/{namespace}/{name}/private\",\"tags\":[],"
                + "\"pipeline\":[{\"op\":\"respond.json\",\"args\":{\"status\":200,\"body\":{\"secret\":true}}}]}";
        assertEquals(201, Http.postJson("/admin/routes", admin, route).status());
        try {
            assertEquals(401, Http.get("/v1/a/b/private", null).status(), "not tagged public, so no anonymous access");
            assertEquals(200, Http.get("/v1/a/b/private", admin).status());
        } finally {
            assertEquals(200, Http.delete("/admin/routes/it_private", admin).status());
        }
    }

    @Test
    void theConfiguredOriginGetsItsPreflightAnsweredOthersDoNot() {
        Http.Reply allowed = preflight(UI, "PUT", "authorization,content-type");
        assertEquals(204, allowed.status(), allowed.body());
        assertEquals(UI, allowed.header("Access-Control-Allow-Origin"));
        assertTrue(allowed.header("Access-Control-Allow-Methods").contains("PUT"));
        assertTrue(allowed.header("Access-Control-Allow-Headers").contains("authorization"));
        assertNull(allowed.header("Access-Control-Allow-Credentials"));

        Http.Reply other = preflight("http://evil.example", "GET", "authorization");
        assertEquals(403, other.status());
        assertEquals("FORBIDDEN", other.errorCode());
        assertNull(other.header("Access-Control-Allow-Origin"));
        assertEquals(403, preflight(UI, "TRACE", null).status(), "a method not allowed");
        assertEquals(403, preflight(UI, "GET", "x-sneaky").status(), "a header not allowed");

        Http.Reply actual = Http.send(Http.request("/v1/" + ns + "/app/latest", null).header("Origin", UI).GET().build());
        assertEquals(200, actual.status());
        assertEquals(UI, actual.header("Access-Control-Allow-Origin"));
        Http.Reply login = Http.send(Http.request("/auth/login", null).header("Origin", UI).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + Http.ADMIN_PASSWORD + "\"}")).build());
        assertEquals(200, login.status());
        assertEquals(UI, login.header("Access-Control-Allow-Origin"), "the web UI can read the login answer");
        Http.Reply foreign = Http.send(Http.request("/v1/" + ns + "/app/latest", null).header("Origin", "http://evil.example").GET().build());
        assertNull(foreign.header("Access-Control-Allow-Origin"));
    }

    @Test
    void aBrowserOnTheConfiguredOriginMayResumeUploadsWithTus() {
        Http.Reply preflight = Http.send(Http.request("/uploads/0123456789abcdef0123456789abcdef", null)
                .header("Origin", UI).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,tus-resumable,upload-offset,upload-checksum")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, preflight.status(), preflight.body());
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("PATCH"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("upload-offset"));
        Http.Reply discovery = Http.send(Http.request("/uploads", null).header("Origin", UI)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, discovery.status(), discovery.body());
        assertEquals("1.0.0", discovery.header("Tus-Version"));
        String exposed = discovery.header("Access-Control-Expose-Headers");
        for (String header : new String[] {"Upload-Offset", "Upload-Length", "Upload-Expires", "Tus-Resumable", "Location"}) {
            assertTrue(exposed.contains(header), header + " is exposed: " + exposed);
        }
    }

    private static Http.Reply preflight(String origin, String method, String headers) {
        HttpRequest.Builder b = Http.request("/v1/" + ns + "/app/latest", null).header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return Http.send(b.method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void restart() throws Exception {
        server("stop");
        server("start");
        Http.awaitReady(Duration.ofSeconds(180));
    }

    private static void server(String action) throws Exception {
        Path wlp = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"));
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "gpr").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), action + " timed out");
        assertEquals(0, p.exitValue(), action + ": " + out);
    }
}
