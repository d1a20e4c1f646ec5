package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthIT {

    @Test
    void loginReturnsTokenAndUser() {
        Http.Reply r = Http.postJson("/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + Http.ADMIN_PASSWORD + "\"}");
        assertEquals(200, r.status());
        JsonNode body = r.json();
        assertTrue(body.path("ok").asBoolean());
        assertEquals(3, body.path("token").asText().split("\\.").length);
        assertEquals("admin", body.path("user").path("username").asText());
        assertTrue(body.path("user").path("scopes").toString().contains("admin"));
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    void wrongPasswordIs401Json() {
        Http.Reply r = Http.postJson("/auth/login", null, "{\"username\":\"admin\",\"password\":\"nope-nope-nope\"}");
        assertEquals(401, r.status());
        assertEquals("UNAUTHORIZED", r.errorCode());
        Http.Reply unknown = Http.postJson("/auth/login", null, "{\"username\":\"ghost\",\"password\":\"nope-nope-nope\"}");
        assertEquals(401, unknown.status());
        assertEquals(r.json().path("error").path("message"), unknown.json().path("error").path("message"));
    }

    @Test
    void missingFieldsAre400AndMalformedJsonIsInvalidJson() {
        Http.Reply missing = Http.postJson("/auth/login", null, "{\"username\":\"admin\"}");
        assertEquals(400, missing.status());
        assertEquals("INVALID_REQUEST", missing.errorCode());
        Http.Reply malformed = Http.postJson("/auth/login", null, "{\"username\":");
        assertEquals(400, malformed.status());
        assertEquals("INVALID_JSON", malformed.errorCode());
    }

    @Test
    void meNeedsAValidToken() {
        Http.Reply me = Http.get("/auth/me", Http.admin());
        assertEquals(200, me.status());
        assertEquals("admin", me.json().path("user").path("username").asText());
        assertEquals(401, Http.get("/auth/me", null).status());
        assertEquals("UNAUTHORIZED", Http.get("/auth/me", null).errorCode());
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = Http.admin();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"admin\"", "\"root\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Http.Reply r = Http.get("/auth/me", forged);
        assertEquals(401, r.status());
        assertEquals("UNAUTHORIZED", r.errorCode());
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        assertEquals(401, Http.get("/auth/me", badSignature).status());
    }

    @Test
    void algNoneAndGarbageTokensAreRefused() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"admin\",\"iss\":\"good-package-repo\",\"aud\":\"good-package-repo\",\"groups\":[\"admin\"],"
                        + "\"exp\":4102444800,\"tv\":1}").getBytes(StandardCharsets.UTF_8));
        assertEquals(401, Http.get("/auth/me", header + "." + claims + ".").status());
        assertEquals(401, Http.get("/auth/me", "not-a-token").status());
        Http.Reply basic = Http.send(Http.request("/auth/me", null).header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());
        assertEquals(401, basic.status());
        assertEquals("UNAUTHORIZED", basic.errorCode());
    }

    @Test
    void changePasswordVoidsOldTokensAndOldPassword() {
        String user = Users.create("pw", "read");
        String token = Http.login(user, Users.PASSWORD);
        Http.Reply wrongOld = Http.postJson("/auth/change-password", token,
                "{\"old_password\":\"wrong-wrong-wrong\",\"new_password\":\"Another-Strong-Pass-77\"}");
        assertEquals(401, wrongOld.status());
        Http.Reply weak = Http.postJson("/auth/change-password", token,
                "{\"old_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"short\"}");
        assertEquals(400, weak.status());
        assertEquals("WEAK_PASSWORD", weak.errorCode());
        Http.Reply common = Http.postJson("/auth/change-password", token,
                "{\"old_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"password1234\"}");
        assertEquals("WEAK_PASSWORD", common.errorCode());
        Http.Reply withName = Http.postJson("/auth/change-password", token,
                "{\"old_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"xx-" + user + "-yy-zz\"}");
        assertEquals("WEAK_PASSWORD", withName.errorCode());

        Http.Reply ok = Http.postJson("/auth/change-password", token,
                "{\"old_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"Another-Strong-Pass-77\"}");
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.json().path("ok").asBoolean());
        assertEquals(401, Http.get("/auth/me", token).status(), "token issued before the change must stop working");
        String fresh = ok.json().path("token").asText();
        assertEquals(200, Http.get("/auth/me", fresh).status());
        assertEquals(401, Http.postJson("/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + Users.PASSWORD + "\"}").status());
        assertNotEquals("", Http.login(user, "Another-Strong-Pass-77"));
    }

    @Test
    void missingScopeIs403() {
        String reader = Users.token("reader", "read");
        Http.Reply publish = Http.putBytes("/v1/scope/test/1.0.0/any/blob", reader, new byte[] {1, 2, 3});
        assertEquals(403, publish.status());
        assertEquals("FORBIDDEN", publish.errorCode());
        assertEquals(403, Http.get("/admin/config", reader).status());
        assertEquals("FORBIDDEN", Http.get("/admin/users", reader).errorCode());
        assertEquals(401, Http.get("/admin/config", null).status());
        assertFalse(Http.get("/auth/me", reader).json().path("user").path("scopes").toString().contains("write"));
    }
}
