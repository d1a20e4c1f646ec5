package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Session tokens: short expiry, refresh, logout, revocation by password change and disable, key rotation. */
class SessionTokensIT {

    private static JsonNode loginReply(String user) {
        Http.Reply r = Http.postJson("/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + Users.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static String kid(String jwt) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return Http.MAPPER.readTree(header).path("kid").asText();
    }

    @Test
    void loginTokensLastFifteenMinutesByDefault() {
        JsonNode login = loginReply(Users.create("ttl", "read"));
        Duration left = Duration.between(Instant.now(), Instant.parse(login.path("expires_at").asText()));
        assertTrue(left.toSeconds() > 14 * 60 && left.toSeconds() <= 15 * 60 + 5, "expires in " + left);
        assertTrue(login.path("expires_in").asLong() <= 900);
    }

    @Test
    void refreshIssuesANewTokenAndRetiresTheOldOne() {
        String user = Users.create("refresh", "read", "write");
        String token = loginReply(user).path("token").asText();
        Http.Reply refreshed = Http.postJson("/auth/refresh", token, "");
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("no-store", refreshed.header("Cache-Control"));
        String fresh = refreshed.json().path("token").asText();
        assertNotEquals(token, fresh);
        assertEquals(user, refreshed.json().path("user").path("username").asText());
        assertEquals(401, Http.get("/auth/me", token).status(), "the refreshed token is revoked");
        assertEquals(401, Http.postJson("/auth/refresh", token, "").status(), "and cannot refresh twice");
        assertEquals(200, Http.get("/auth/me", fresh).status());
        assertEquals(401, Http.postJson("/auth/refresh", null, "").status());
    }

    @Test
    void logoutRevokesThePresentedTokenOnly() {
        String user = Users.create("logout", "read");
        String first = Http.login(user, Users.PASSWORD);
        String second = Http.login(user, Users.PASSWORD);
        Http.Reply out = Http.postJson("/auth/logout", first, "");
        assertEquals(200, out.status(), out.body());
        Http.Reply after = Http.get("/auth/me", first);
        assertEquals(401, after.status());
        assertEquals("UNAUTHORIZED", after.errorCode());
        assertEquals(200, Http.get("/auth/me", second).status(), "other sessions of the user keep working");
        assertEquals(401, Http.postJson("/auth/logout", null, "").status());
    }

    @Test
    void disablingAUserOrResettingThePasswordRevokesTokens() {
        String user = Users.create("revoked", "read");
        String token = Http.login(user, Users.PASSWORD);
        assertEquals(200, Http.putJson("/admin/users/" + user, Http.admin(),
                "{\"password\":\"Admin-Reset-Passphrase-9\"}").status());
        assertEquals(401, Http.get("/auth/me", token).status(), "password reset voids tokens");
        String again = Http.login(user, "Admin-Reset-Passphrase-9");
        assertEquals(200, Http.putJson("/admin/users/" + user, Http.admin(), "{\"enabled\":false}").status());
        assertEquals(401, Http.get("/auth/me", again).status(), "disabling voids tokens");
        assertEquals(401, Http.postJson("/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"Admin-Reset-Passphrase-9\"}").status());
        assertEquals(200, Http.putJson("/admin/users/" + user, Http.admin(), "{\"enabled\":true}").status());
        assertEquals(401, Http.get("/auth/me", again).status(), "re-enabling does not bring old tokens back");
    }

    @Test
    void keyRotationKeepsEarlierTokensValid() throws Exception {
        String admin = Http.admin();
        String user = Users.create("rotate", "read");
        String before = Http.login(user, Users.PASSWORD);
        Http.Reply rotated = Http.postJson("/admin/keys/rotate", admin, "");
        assertEquals(200, rotated.status(), rotated.body());
        String newKid = rotated.json().path("kid").asText();
        String after = Http.login(user, Users.PASSWORD);
        assertEquals(newKid, kid(after), "new tokens are signed with the new key at once");
        assertNotEquals(kid(before), kid(after));
        assertEquals(200, Http.get("/auth/me", before).status(), "tokens of the previous key still verify");
        assertEquals(200, Http.get("/auth/me", after).status());
        assertEquals(200, Http.get("/auth/me", admin).status());
        JsonNode keys = Http.get("/admin/keys", admin).json().path("keys");
        assertTrue(keys.size() >= 2);
        assertEquals(newKid, keys.get(0).path("kid").asText());
        assertTrue(keys.get(0).path("signing").asBoolean());
        assertTrue(!keys.toString().contains("\"d\"") && !keys.toString().contains("private"), "no key material");
        assertEquals(1, Events.find(admin, "auth.signing_key_rotated", "kid", newKid).size());
        assertEquals(403, Http.postJson("/admin/keys/rotate", before, "").status());
    }

    @Test
    void emergencyRotationEndsEverySessionSignedBefore() {
        String user = Users.create("emergency", "read");
        String before = Http.login(user, Users.PASSWORD);
        String apiToken = Http.postJson("/auth/tokens", before, "{\"name\":\"ci\",\"scopes\":[\"read\"]}").json().path("token").asText();
        Http.Reply rotated = Http.postJson("/admin/keys/rotate?retire_previous=true", Http.admin(), "");
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals(401, Http.get("/auth/me", before).status(), "sessions signed by a retired key end at once");
        assertEquals(200, Http.get("/auth/me", apiToken).status(), "API tokens are not signed, so they are unaffected");
        assertEquals(200, Http.get("/auth/me", Http.login(user, Users.PASSWORD)).status());
        assertTrue(Http.get("/admin/keys", Http.admin()).json().path("keys").get(1).hasNonNull("retired_at"));
    }
}
