package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Directory login against a real OpenLDAP (slapd, started here with a small LDIF) through a second instance of the
 * server configured for it (GPR_LDAP_*): mapped scopes, wrong password, unknown user, local users winning a name
 * clash, group and mapping changes, audit, and the directory going away (503 as JSON, local logins unaffected).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LdapIT {
    private static final String PEOPLE = "ou=people," + Slapd.SUFFIX;
    private static final String GROUPS = "ou=groups," + Slapd.SUFFIX;
    public static final String LDIF = """
            dn: dc=gpr,dc=test
            objectClass: dcObject
            objectClass: organization
            dc: gpr
            o: gpr

            dn: ou=people,dc=gpr,dc=test
            objectClass: organizationalUnit
            ou: people

            dn: ou=groups,dc=gpr,dc=test
            objectClass: organizationalUnit
            ou: groups

            dn: uid=alice,ou=people,dc=gpr,dc=test
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice
            sn: Example
            userPassword: alice-directory-pass

            dn: uid=bob,ou=people,dc=gpr,dc=test
            objectClass: inetOrgPerson
            uid: bob
            cn: Bob
            sn: Example
            userPassword: bob-directory-pass

            dn: uid=admin,ou=people,dc=gpr,dc=test
            objectClass: inetOrgPerson
            uid: admin
            cn: Directory Admin
            sn: Example
            userPassword: directory-admin-pass

            dn: cn=devs,ou=groups,dc=gpr,dc=test
            objectClass: groupOfNames
            cn: devs
            member: uid=alice,ou=people,dc=gpr,dc=test

            dn: cn=auditors,ou=groups,dc=gpr,dc=test
            objectClass: groupOfNames
            cn: auditors
            member: uid=bob,ou=people,dc=gpr,dc=test
            member: uid=admin,ou=people,dc=gpr,dc=test
            """;

    private static Slapd slapd;
    private static PeerServer peer;

    @BeforeAll
    static void startDirectoryAndServer() throws Exception {
        Assumptions.assumeTrue(Slapd.installed(),
                "SKIPPED: OpenLDAP's slapd is not installed (/usr/sbin/slapd); .ci/run installs Debian's slapd");
        Path dir = Files.createTempDirectory("gpr-slapd");
        slapd = new Slapd(dir);
        slapd.create(LDIF);
        peer = new PeerServer();
        peer.start(Map.of("GPR_LDAP_URL", slapd.url(), "GPR_LDAP_BIND_DN", Slapd.ROOT_DN,
                "GPR_LDAP_BIND_PASSWORD", Slapd.ROOT_PASSWORD, "GPR_LDAP_USER_BASE_DN", PEOPLE,
                "GPR_LDAP_GROUP_BASE_DN", GROUPS, "GPR_LDAP_TIMEOUT_MS", "2000"), java.time.Duration.ofMinutes(8));
        assertEquals(200, peer.putJson("/admin/auth/group-mappings/devs", "{\"scopes\":[\"read\",\"write\"]}").status());
        assertEquals(200, peer.putJson("/admin/auth/group-mappings/auditors", "{\"scopes\":[\"read\"]}").status());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (peer != null) {
            peer.stop();
        }
        if (slapd != null) {
            slapd.stop();
        }
    }

    private static Http.Reply login(String username, String password) {
        return Http.send(peer.request("/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).build());
    }

    private static Http.Reply me(String token) {
        return Http.send(peer.request("/auth/me", token).GET().build());
    }

    private static List<JsonNode> events(String type) {
        List<JsonNode> found = new ArrayList<>();
        Http.Reply page = peer.get("/admin/events?order=desc&limit=500&type=" + type);
        assertEquals(200, page.status(), page.body());
        page.json().path("events").forEach(found::add);
        return found;
    }

    @Test
    @Order(1)
    void directoryUsersLogInWithTheScopesTheirGroupsMapTo() {
        Http.Reply login = login("alice", "alice-directory-pass");
        assertEquals(200, login.status(), login.body());
        assertEquals("[\"read\",\"write\"]", login.json().path("user").path("scopes").toString());
        String token = login.json().path("token").asText();
        JsonNode me = me(token).json();
        assertEquals("alice", me.path("user").path("username").asText());
        assertEquals("directory", me.path("token_kind").asText());
        assertEquals("[\"devs\"]", me.path("groups").toString());
        Http.Reply admin = Http.send(peer.request("/admin/users", token).GET().build());
        assertEquals(403, admin.status());
        assertEquals("FORBIDDEN", admin.errorCode());

        JsonNode event = events("auth.login_succeeded").stream()
                .filter(e -> e.path("payload").path("by").asText().equals("alice")).findFirst().orElseThrow();
        assertEquals("ldap", event.path("payload").path("source").asText());
        assertEquals("uid=alice," + PEOPLE, event.path("payload").path("dn").asText());
        assertEquals("devs", event.path("payload").path("groups").asText());

        Http.Reply refresh = Http.send(peer.request("/auth/refresh", token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(400, refresh.status(), "directory sessions log in again instead");
        Http.Reply logout = Http.send(peer.request("/auth/logout", token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, logout.status(), logout.body());
        assertEquals(401, me(token).status(), "a logged-out directory session is revoked");
    }

    @Test
    @Order(2)
    void wrongPasswordsAndUnknownUsersAreRefusedAlike() {
        for (Http.Reply refused : List.of(login("alice", "not-her-password"), login("nobody-here", "whatever-pass"),
                login("*", "alice-directory-pass"), login("alice)(uid=*", "alice-directory-pass"))) {
            assertEquals(401, refused.status(), refused.body());
            assertEquals("UNAUTHORIZED", refused.errorCode());
            assertFalse(refused.json().path("error").path("request_id").asText().isEmpty());
        }
        assertTrue(events("auth.login_failed").stream().anyMatch(e -> e.path("payload").path("by").asText().equals("alice")
                && e.path("payload").path("source").asText().equals("ldap")));
    }

    @Test
    @Order(3)
    void aLocalUserWinsANameClash() {
        // the directory has an "admin" too: only the local admin's password works for that name
        Http.Reply directoryPassword = login("admin", "directory-admin-pass");
        assertEquals(401, directoryPassword.status(), directoryPassword.body());
        Http.Reply otherCase = login("ADMIN", "directory-admin-pass");
        assertEquals(401, otherCase.status(), "nor under the same name in other letters: " + otherCase.body());
        Http.Reply local = login("admin", PeerServer.ADMIN_PASSWORD);
        assertEquals(200, local.status(), local.body());
        assertEquals("session", me(local.json().path("token").asText()).json().path("token_kind").asText());
    }

    @Test
    @Order(4)
    void groupAndMappingChangesApply() throws Exception {
        String bob = login("bob", "bob-directory-pass").json().path("token").asText();
        assertEquals("[\"read\"]", me(bob).json().path("user").path("scopes").toString());

        // a mapping change applies to live sessions at once
        assertEquals(200, Http.send(peer.request("/admin/auth/group-mappings/auditors", peer.admin()).DELETE().build()).status());
        assertEquals("[]", me(bob).json().path("user").path("scopes").toString());
        assertEquals(200, peer.putJson("/admin/auth/group-mappings/auditors", "{\"scopes\":[\"read\"]}").status());

        // a membership change in the directory applies at the next login
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", Slapd.PORT, Slapd.ROOT_DN, Slapd.ROOT_PASSWORD)) {
            ldap.modify("cn=devs," + GROUPS, new Modification(ModificationType.ADD, "member", "uid=bob," + PEOPLE));
        }
        Http.Reply again = login("bob", "bob-directory-pass");
        assertEquals(200, again.status(), again.body());
        assertEquals("[\"read\",\"write\"]", again.json().path("user").path("scopes").toString());
        JsonNode groups = me(again.json().path("token").asText()).json().path("groups");
        assertEquals(2, groups.size(), groups.toString());
        assertTrue(groups.toString().contains("\"auditors\"") && groups.toString().contains("\"devs\""), groups.toString());
    }

    @Test
    @Order(5)
    void aDirectoryThatIsDownIsA503NotA500() throws Exception {
        slapd.stop();
        try {
            Http.Reply down = login("alice", "alice-directory-pass");
            assertEquals(503, down.status(), down.body());
            assertEquals("UNAVAILABLE", down.errorCode());
            assertFalse(down.body().contains("Exception"), down.body());
            assertEquals(200, login("admin", PeerServer.ADMIN_PASSWORD).status(), "local users still log in");
            assertTrue(events("auth.login_failed").stream().anyMatch(e -> e.path("payload").path("reason").asText()
                    .equals("directory_unavailable")));
        } finally {
            slapd.start();
        }
        assertEquals(200, login("alice", "alice-directory-pass").status(), "back when the directory is");
    }
}
