package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin users API, the password policy on every way a password is set, and the last-admin rule. */
class UsersApiIT {

    private static Http.Reply createUser(String name, String password, String scopes) {
        return Http.postJson("/admin/users", Http.admin(),
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"scopes\":[" + scopes + "]}");
    }

    private static List<JsonNode> allUsers() {
        List<JsonNode> users = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            Http.Reply page = Http.get("/admin/users?limit=2&cursor=" + cursor, Http.admin());
            assertEquals(200, page.status(), page.body());
            assertTrue(page.json().path("users").size() <= 2);
            page.json().path("users").forEach(users::add);
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
        }
        return users;
    }

    @Test
    void createReadUpdateDelete() {
        String name = Http.unique("crud");
        Http.Reply created = createUser(name, Users.PASSWORD, "\"read\"");
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().contains(Users.PASSWORD) || created.body().contains("hash"), "no password in answers");
        assertEquals(409, createUser(name, Users.PASSWORD, "\"read\"").status());
        JsonNode user = Http.get("/admin/users/" + name, Http.admin()).json().path("user");
        assertEquals("[\"read\"]", user.path("scopes").toString());
        assertTrue(user.path("enabled").asBoolean());

        Http.Reply updated = Http.putJson("/admin/users/" + name, Http.admin(), "{\"scopes\":[\"read\",\"write\"]}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("[\"read\",\"write\"]", updated.json().path("user").path("scopes").toString());
        assertEquals(400, Http.putJson("/admin/users/" + name, Http.admin(), "{\"scopes\":[\"root\"]}").status());
        assertEquals(400, Http.putJson("/admin/users/" + name, Http.admin(), "{\"enabled\":\"no\"}").status());

        assertEquals(200, Http.delete("/admin/users/" + name, Http.admin()).status());
        assertEquals(404, Http.get("/admin/users/" + name, Http.admin()).status());
        assertEquals(404, Http.delete("/admin/users/" + name, Http.admin()).status());

        String admin = Http.admin();
        List<JsonNode> events = Events.all(admin);
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("user.created")
                && e.path("payload").path("username").asText().equals(name)));
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("user.updated")
                && e.path("payload").path("username").asText().equals(name)
                && e.path("payload").path("after").path("scopes").asText().equals("read write")));
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("user.deleted")
                && e.path("payload").path("username").asText().equals(name)));
    }

    @Test
    void listIsPaginatedAndComplete() {
        String a = Users.create("page", "read");
        String b = Users.create("page", "read");
        List<JsonNode> users = allUsers();
        Set<String> names = new HashSet<>();
        users.forEach(u -> names.add(u.path("username").asText()));
        assertEquals(users.size(), names.size(), "no user appears twice across pages");
        assertTrue(names.containsAll(List.of("admin", a, b)));
        assertEquals(400, Http.get("/admin/users?limit=0", Http.admin()).status());
    }

    @Test
    void weakPasswordsAreRefusedWhereverAPasswordIsSet() {
        String name = Http.unique("weak");
        Http.Reply tooShort = createUser(name, "Short-Pw-1", "\"read\"");
        assertEquals(400, tooShort.status());
        assertEquals("WEAK_PASSWORD", tooShort.errorCode());
        assertTrue(tooShort.json().path("error").path("message").asText().contains("min_length"), tooShort.body());
        Http.Reply containsName = createUser(name, "My-" + name + "-Passphrase", "\"read\"");
        assertTrue(containsName.json().path("error").path("message").asText().contains("contains_username"));
        Http.Reply common = createUser(name, "correcthorsebatterystaple", "\"read\"");
        assertTrue(common.json().path("error").path("message").asText().contains("common_password"));
        assertEquals(404, Http.get("/admin/users/" + name, Http.admin()).status(), "nothing was created");

        String user = Users.create("weakreset", "read");
        Http.Reply reset = Http.putJson("/admin/users/" + user, Http.admin(), "{\"password\":\"password1234\"}");
        assertEquals(400, reset.status());
        assertEquals("WEAK_PASSWORD", reset.errorCode());
        assertEquals(200, Http.postJson("/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + Users.PASSWORD + "\"}").status(), "the old password stands");

        String token = Http.login(user, Users.PASSWORD);
        Http.Reply change = Http.postJson("/auth/change-password", token,
                "{\"old_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"" + user + "-Extended\"}");
        assertEquals("WEAK_PASSWORD", change.errorCode());
        assertTrue(change.json().path("error").path("message").asText().contains("contains_username"));
    }

    @Test
    void readOnlyUserIsForbiddenToWriteAndAdminister() {
        String reader = Users.token("readonly", "read");
        assertEquals(403, Artifacts.publish(reader, Http.unique("ro"), "app", "1.0.0", "x", "x").status());
        assertEquals(403, Http.putJson("/v1/acme/app/tags/t", reader, "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        for (String path : List.of("/admin/users", "/admin/config", "/admin/routes", "/admin/keys", "/admin/tokens",
                "/admin/store/stats", "/admin/events")) {
            Http.Reply r = Http.get(path, reader);
            assertEquals(403, r.status(), path);
            assertEquals("FORBIDDEN", r.errorCode(), path);
        }
        assertEquals(403, Http.postJson("/admin/users", reader, "{\"username\":\"x\",\"password\":\"y\",\"scopes\":[\"admin\"]}").status());
        assertEquals(403, Http.putJson("/admin/features", reader, "{\"mutable_tags\":false}").status());
        assertEquals(403, Http.postJson("/admin/keys/rotate", reader, "").status());
    }

    @Test
    void theLastAdminCannotBeRemovedDemotedOrDisabled() {
        String second = Users.create("second-admin", "read", "write", "admin");
        assertEquals(200, Http.putJson("/admin/users/" + second, Http.admin(), "{\"scopes\":[\"read\"]}").status(),
                "with two admins, one can be demoted");
        long admins = allUsers().stream().filter(u -> u.path("enabled").asBoolean()
                && u.path("scopes").toString().contains("\"admin\"")).count();
        assertEquals(1, admins, "only the bootstrap admin is left");
        Http.Reply demote = Http.putJson("/admin/users/admin", Http.admin(), "{\"scopes\":[\"read\",\"write\"]}");
        assertEquals(409, demote.status(), demote.body());
        assertEquals("CONFLICT", demote.errorCode());
        assertEquals(409, Http.putJson("/admin/users/admin", Http.admin(), "{\"enabled\":false}").status());
        assertEquals(409, Http.delete("/admin/users/admin", Http.admin()).status());
        assertTrue(Http.get("/admin/users/admin", Http.admin()).json().path("user").path("scopes").toString().contains("admin"));
        assertEquals(200, Http.get("/auth/me", Http.admin()).status());
        assertEquals(200, Http.delete("/admin/users/" + second, Http.admin()).status());
    }
}
