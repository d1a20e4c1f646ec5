package com.goodpackagerepo.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
    private final CorsPolicy ui = new CorsPolicy(CorsPolicy.list("http://localhost:3000, https://repo-ui.example.com/"),
            CorsPolicy.list("GET,POST,PUT,OPTIONS"), CorsPolicy.list("authorization,content-type"), 600);

    @Test
    void noOriginIsAllowedByDefault() {
        CorsPolicy none = new CorsPolicy(List.of(), List.of("GET"), List.of("authorization"), 600);
        assertFalse(none.allows("http://localhost:3000"));
        assertNull(none.preflight("http://localhost:3000", "GET", null));
        assertFalse(none.actual("http://localhost:3000").containsKey("Access-Control-Allow-Origin"));
    }

    @Test
    void theWebUisPreflightIsAnswered() {
        Map<String, String> h = ui.preflight("http://localhost:3000", "PUT", "authorization, Content-Type");
        assertNotNull(h);
        assertEquals("http://localhost:3000", h.get("Access-Control-Allow-Origin"));
        assertTrue(h.get("Access-Control-Allow-Methods").contains("PUT"));
        assertEquals("authorization, content-type", h.get("Access-Control-Allow-Headers"));
        assertEquals("600", h.get("Access-Control-Max-Age"));
        assertFalse(h.containsKey("Access-Control-Allow-Credentials"), "no cookies, so no credentials");
    }

    @Test
    void otherOriginsMethodsAndHeadersAreRefused() {
        assertNull(ui.preflight("http://evil.example", "GET", null));
        assertNull(ui.preflight("http://localhost:3001", "GET", null), "the port is part of the origin");
        assertNull(ui.preflight("http://localhost:3000", "DELETE", null));
        assertNull(ui.preflight("http://localhost:3000", "GET", "x-custom"));
        assertNull(ui.preflight("null", "GET", null));
    }

    @Test
    void originsCompareWithoutCaseOrTrailingSlash() {
        assertTrue(ui.allows("https://REPO-UI.example.com"));
        assertEquals("https://REPO-UI.example.com", ui.actual("https://REPO-UI.example.com").get("Access-Control-Allow-Origin"));
    }

    @Test
    void actualRequestsFromAllowedOriginsCanReadTheAnswer() {
        Map<String, String> h = ui.actual("http://localhost:3000");
        assertEquals("http://localhost:3000", h.get("Access-Control-Allow-Origin"));
        assertTrue(h.get("Access-Control-Expose-Headers").contains("Retry-After"));
        assertEquals("Origin", h.get("Vary"));
    }

    @Test
    void authAndAdminPathsAreSensitive() {
        assertTrue(HttpHardeningFilter.isSensitive("/auth/login"));
        assertTrue(HttpHardeningFilter.isSensitive("/admin"));
        assertTrue(HttpHardeningFilter.isSensitive("/admin/users/x"));
        assertFalse(HttpHardeningFilter.isSensitive("/v1/acme/app/latest"));
        assertFalse(HttpHardeningFilter.isSensitive("/authors"));
    }
}
