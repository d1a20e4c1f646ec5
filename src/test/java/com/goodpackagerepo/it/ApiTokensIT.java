package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** API tokens for CI: scoped, named, optional expiry, shown once, listed and revoked, usable everywhere. */
class ApiTokensIT {

    private static Http.Reply create(String session, String name, String scopes, String extra) {
        return Http.postJson("/auth/tokens", session, "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "]" + extra + "}");
    }

    @Test
    void aWriteTokenPublishesButCannotAdminister() {
        String owner = Users.create("ci-owner", "read", "write");
        String session = Http.login(owner, Users.PASSWORD);
        Http.Reply created = create(session, "deploy", "\"read\",\"write\"", "");
        assertEquals(201, created.status(), created.body());
        assertEquals("no-store", created.header("Cache-Control"));
        String token = created.json().path("token").asText();
        assertTrue(token.startsWith("gpr_"), token);
        String ns = Http.unique("apitok");
        assertEquals(201, Artifacts.publish(token, ns, "app", "1.0.0", "x", "from ci").status());
        assertEquals("from ci", Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), token).body());
        assertEquals(200, Http.get("/v1/" + ns + "/app/versions", token).status());
        assertEquals(200, Http.get("/schema", token).status());
        JsonNode me = Http.get("/auth/me", token).json();
        assertEquals(owner, me.path("user").path("username").asText());
        assertEquals("api_token", me.path("token_kind").asText());
        assertEquals(403, Http.get("/admin/config", token).status());
        assertEquals(403, Http.get("/admin/users", token).status());
    }

    @Test
    void aReadTokenCannotWrite() {
        String owner = Users.create("ci-reader", "read", "write");
        String token = create(Http.login(owner, Users.PASSWORD), "read-only", "\"read\"", "").json().path("token").asText();
        Http.Reply publish = Artifacts.publish(token, Http.unique("apitok"), "app", "1.0.0", "x", "nope");
        assertEquals(403, publish.status());
        assertEquals("FORBIDDEN", publish.errorCode());
        assertEquals(403, Http.putJson("/v1/acme/app/tags/t", token, "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
    }

    @Test
    void scopesBeyondTheOwnersAreRefused() {
        String session = Http.login(Users.create("ci-narrow", "read"), Users.PASSWORD);
        Http.Reply r = create(session, "greedy", "\"read\",\"write\"", "");
        assertEquals(403, r.status(), r.body());
        assertEquals(400, create(session, "none", "", "").status());
        assertEquals(400, create(session, "bad-expiry", "\"read\"", ",\"expires_at\":\"tomorrow\"").status());
        assertEquals(400, create(session, "past", "\"read\"", ",\"expires_at\":\"2001-01-01T00:00:00Z\"").status());
    }

    @Test
    void theSecretIsShownOnceAndListedNeverAgain() {
        String owner = Users.create("ci-list", "read");
        String session = Http.login(owner, Users.PASSWORD);
        Http.Reply created = create(session, "listed", "\"read\"", "");
        String token = created.json().path("token").asText();
        String id = created.json().path("api_token").path("id").asText();
        String secret = token.substring(token.lastIndexOf(id) + id.length() + 1);
        Http.Reply mine = Http.get("/auth/tokens", session);
        assertEquals(200, mine.status());
        assertEquals(1, mine.json().path("tokens").size());
        assertEquals("listed", mine.json().path("tokens").get(0).path("name").asText());
        assertFalse(mine.body().contains(secret));
        Http.Reply all = Http.get("/admin/tokens?owner=" + owner, Http.admin());
        assertEquals(1, all.json().path("tokens").size());
        assertFalse(all.body().contains(secret));
        assertEquals(409, create(session, "listed", "\"read\"", "").status(), "names are unique per owner");
    }

    @Test
    void ownerAndAdminRevoke() {
        String owner = Users.create("ci-revoke", "read");
        String session = Http.login(owner, Users.PASSWORD);
        JsonNode first = create(session, "one", "\"read\"", "").json();
        JsonNode second = create(session, "two", "\"read\"", "").json();
        String other = Users.token("ci-other", "read", "write");
        assertEquals(404, Http.delete("/auth/tokens/" + first.path("api_token").path("id").asText(), other).status(),
                "another user cannot revoke (nor learn that it exists)");
        assertEquals(200, Http.delete("/auth/tokens/" + first.path("api_token").path("id").asText(), session).status());
        assertEquals(401, Http.get("/auth/me", first.path("token").asText()).status());
        assertEquals(200, Http.delete("/admin/tokens/" + second.path("api_token").path("id").asText(), Http.admin()).status());
        assertEquals(401, Http.get("/auth/me", second.path("token").asText()).status());
        assertEquals(0, Http.get("/auth/tokens", session).json().path("tokens").size());
    }

    @Test
    void logoutWithAnApiTokenRevokesIt() {
        String session = Http.login(Users.create("ci-logout", "read"), Users.PASSWORD);
        String token = create(session, "bye", "\"read\"", "").json().path("token").asText();
        assertEquals(200, Http.postJson("/auth/logout", token, "").status());
        assertEquals(401, Http.get("/auth/me", token).status());
    }

    @Test
    void apiTokensCannotMintTokensOrRefresh() {
        String session = Http.login(Users.create("ci-mint", "read", "write"), Users.PASSWORD);
        String token = create(session, "ci", "\"read\",\"write\"", "").json().path("token").asText();
        assertEquals(403, create(token, "child", "\"read\"", "").status());
        assertEquals(400, Http.postJson("/auth/refresh", token, "").status());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String session = Http.login(Users.create("ci-expiry", "read"), Users.PASSWORD);
        String expiresAt = Instant.now().plusSeconds(3).toString();
        Http.Reply created = create(session, "short", "\"read\"", ",\"expires_at\":\"" + expiresAt + "\"");
        assertEquals(201, created.status(), created.body());
        String token = created.json().path("token").asText();
        assertEquals(200, Http.get("/auth/me", token).status());
        Thread.sleep(4000);
        Http.Reply expired = Http.get("/auth/me", token);
        assertEquals(401, expired.status());
        assertTrue(expired.json().path("error").path("message").asText().contains("expired"), expired.body());
    }

    @Test
    void disablingTheOwnerStopsTheirTokens() {
        String owner = Users.create("ci-disabled", "read");
        String token = create(Http.login(owner, Users.PASSWORD), "ci", "\"read\"", "").json().path("token").asText();
        assertEquals(200, Http.putJson("/admin/users/" + owner, Http.admin(), "{\"enabled\":false}").status());
        assertEquals(401, Http.get("/auth/me", token).status());
        assertEquals(200, Http.delete("/admin/users/" + owner, Http.admin()).status());
        assertEquals(0, Http.get("/admin/tokens?owner=" + owner, Http.admin()).json().path("tokens").size(),
                "deleting a user deletes their tokens");
    }

    @Test
    void garbageApiTokensAreRefused() {
        assertEquals(401, Http.get("/auth/me", "gpr_0123456789abcdef01234567_" + "A".repeat(43)).status());
        assertEquals(401, Http.get("/auth/me", "gpr_short").status());
    }
}
