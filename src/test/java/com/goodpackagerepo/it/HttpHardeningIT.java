package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Security headers on every answer, no-store on auth and admin, body limits, and CORS closed by default. */
class HttpHardeningIT {

    private static void assertSecurityHeaders(Http.Reply r, String what) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertEquals("no-referrer", r.header("Referrer-Policy"), what);
        assertEquals("DENY", r.header("X-Frame-Options"), what);
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"), what);
        assertNull(r.header("Strict-Transport-Security"), what + ": no HSTS over plain HTTP");
    }

    @Test
    void everyKindOfAnswerCarriesSecurityHeaders() {
        String admin = Http.admin();
        assertSecurityHeaders(Http.get("/auth/me", admin), "auth");
        assertSecurityHeaders(Http.get("/admin/config", admin), "admin");
        assertSecurityHeaders(Http.get("/v1/acme/app/latest", null), "401 from a configured route");
        assertSecurityHeaders(Http.get("/no/such/thing", admin), "404");
        assertSecurityHeaders(Http.get("/schema", admin), "schema");
        assertEquals(HardenedCsp.API, Http.get("/schema", admin).header("Content-Security-Policy"),
                "the server-level defaults never replace the application's own headers");
    }

    @Test
    void endpointsServedByLibertyItselfCarrySecurityHeadersToo() {
        assertSecurityHeaders(Http.get("/health/ready", null), "health");
        assertSecurityHeaders(Http.get("/metrics", Http.SCRAPE), "metrics");
        assertSecurityHeaders(Http.get("/metrics", null), "metrics refused");
        assertSecurityHeaders(Http.get("/openapi", Http.SCRAPE), "openapi");
    }

    /** The application's API CSP, as HttpHardeningFilter sends it. */
    private static final class HardenedCsp {
        static final String API = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    @Test
    void authAndAdminAnswersAreNeverCached() {
        String admin = Http.admin();
        assertEquals("no-store", Http.get("/auth/me", admin).header("Cache-Control"));
        assertEquals("no-store", Http.get("/auth/me", null).header("Cache-Control"), "errors too");
        assertEquals("no-store", Http.get("/admin/users", admin).header("Cache-Control"));
        assertEquals("no-store", Http.postJson("/auth/login", null, "{}").header("Cache-Control"));
    }

    @Test
    void largeBodiesOnAuthAndAdminAreRefused() {
        String big = "{\"username\":\"admin\",\"password\":\"" + "x".repeat(70 * 1024) + "\"}";
        Http.Reply login = Http.postJson("/auth/login", null, big);
        assertEquals(413, login.status());
        assertEquals("PAYLOAD_TOO_LARGE", login.errorCode());
        Http.Reply chunked = Http.send(Http.request("/admin/users", Http.admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build());
        assertEquals(413, chunked.status(), "a body sent without Content-Length is cut off too");
    }

    @Test
    void corsIsClosedByDefault() {
        Http.Reply preflight = Http.send(Http.request("/auth/login", null).header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, preflight.status());
        assertEquals("FORBIDDEN", preflight.errorCode());
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        Http.Reply actual = Http.send(Http.request("/auth/me", Http.admin()).header("Origin", "http://localhost:3000").GET().build());
        assertEquals(200, actual.status());
        assertNull(actual.header("Access-Control-Allow-Origin"));
    }
}
