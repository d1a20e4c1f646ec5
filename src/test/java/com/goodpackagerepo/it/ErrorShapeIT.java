package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Every error the server answers, including the container's own, is {"error":{"code","message"}}. */
class ErrorShapeIT {

    private static void assertErrorShape(Http.Reply r) {
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertNotNull(r.json().path("error").get("code"), r.body());
        assertNotNull(r.json().path("error").get("message"), r.body());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("<html"), r.body());
    }

    @Test
    void unknownPathIs404() {
        Http.Reply r = Http.get("/no/such/thing", Http.admin());
        assertEquals(404, r.status());
        assertEquals("NOT_FOUND", r.errorCode());
        assertErrorShape(r);
    }

    @Test
    void wrongMethodOnAConfiguredRouteIs405WithAllow() {
        Http.Reply r = Http.delete("/v1/acme/app/1.0.0/linux/blob", Http.admin());
        assertEquals(405, r.status());
        assertEquals("METHOD_NOT_ALLOWED", r.errorCode());
        assertTrue(r.header("Allow").contains("PUT") && r.header("Allow").contains("GET"), r.header("Allow"));
        assertErrorShape(r);
    }

    @Test
    void wrongMethodOnAFixedEndpointIs405() {
        Http.Reply r = Http.get("/auth/login", null);
        assertEquals(405, r.status());
        assertErrorShape(r);
    }

    @Test
    void unsupportedMediaTypeIs415() {
        Http.Reply r = Http.send(Http.request("/admin/users", Http.admin()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertEquals(415, r.status());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", r.errorCode());
        assertErrorShape(r);
    }

    @Test
    void malformedJsonIs400() {
        Http.Reply r = Http.putJson("/v1/acme/app/tags/stable", Http.admin(), "{not json");
        assertEquals(400, r.status());
        assertEquals("INVALID_JSON", r.errorCode());
        assertErrorShape(r);
    }
}
