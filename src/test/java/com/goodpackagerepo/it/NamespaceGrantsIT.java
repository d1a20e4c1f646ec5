package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Namespace grants against the running server: the admin API, and a matrix of callers × namespaces × actions over
 * every way in — configured routes (fetch, latest, publish, tag), the proxy route (local copy and upstream miss), the
 * built-in versions read, resumable uploads, signed download links, the catalog, deletion — plus a narrowed API
 * token and the audit trail an auditor reads.
 */
class NamespaceGrantsIT {
    static final FakeUpstream upstream = new FakeUpstream();
    static final String BASE = Http.unique("gr");
    static final String A = BASE + "-a";
    static final String TEAM = BASE + "-team-x";
    static final String OTHER = BASE + "-o";
    static final List<String> NAMESPACES = List.of(A, TEAM, OTHER);
    static final String ADMIN = Http.admin();
    static String ann;
    static String gil;
    static String wes;
    static String annUser;
    static String gilUser;

    @BeforeAll
    static void setUp() {
        upstream.start();
        upstream.reset();
        annUser = Users.create("grann", "read");
        gilUser = Users.create("grgil", "metrics");
        ann = Http.login(annUser, Users.PASSWORD);
        gil = Http.login(gilUser, Users.PASSWORD);
        wes = Users.token("grwes", "read", "write");
        for (String ns : NAMESPACES) {
            assertEquals(201, Artifacts.publish(ADMIN, ns, "app", "1.0.0", "x", "seed " + ns).status());
        }
        grant("user", annUser, A, "write");
        grant("user", gilUser, BASE + "-team-*", "admin");
    }

    @AfterAll
    static void stop() {
        upstream.reset();
        upstream.stop();
    }

    static String grant(String kind, String subject, String pattern, String action) {
        Http.Reply r = Http.postJson("/admin/grants", ADMIN, "{\"subject_kind\":\"" + kind + "\",\"subject\":\"" + subject
                + "\",\"pattern\":\"" + pattern + "\",\"action\":\"" + action + "\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().path("grant").path("id").asText();
    }

    static int round;

    /** Per namespace: which of fetch, latest, versions, proxy (local), catalog, link, publish, tag, tus, proxy miss work. */
    static String row(String token) {
        List<String> cells = new ArrayList<>();
        round++;
        for (String ns : NAMESPACES) {
            Map<String, Boolean> ok = new LinkedHashMap<>();
            ok.put("fetch", Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), token).status() == 200);
            ok.put("latest", Http.get("/v1/" + ns + "/app/latest", token).status() == 200);
            ok.put("versions", Http.get("/v1/" + ns + "/app/versions", token).status() == 200);
            ok.put("proxy", Http.get("/v1/proxy/" + ns + "/app/1.0.0/x/blob", token).status() == 307);
            ok.put("catalog", Http.get("/v1/catalog/namespaces?prefix=" + BASE + "&limit=100", token).body().contains("\"" + ns + "\""));
            ok.put("link", Http.postJson("/downloads", token, "{\"namespace\":\"" + ns + "\",\"name\":\"app\",\"version\":\"1.0.0\","
                    + "\"variant\":\"x\"}").status() == 200);
            ok.put("publish", Artifacts.publish(token, ns, "app", "2." + round + ".0", "x", "b" + round).status() == 201);
            ok.put("tag", Http.putJson("/v1/" + ns + "/app/tags/stable", token,
                    "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status() < 300);
            ok.put("tus", Tus.create(token, 3, Tus.target(ns, "app", "3." + round + ".0", "x", null)).status() == 201);
            byte[] remote = ("remote " + ns + round).getBytes(StandardCharsets.UTF_8);
            String missPath = Artifacts.blobPath(ns, "app", "4." + round + ".0", "x");
            upstream.holds(missPath, remote);
            ok.put("miss", Http.get("/v1/proxy" + missPath.substring(3), token).status() == 200);
            boolean reads = ok.get("fetch") && ok.get("latest") && ok.get("versions") && ok.get("proxy") && ok.get("catalog") && ok.get("link");
            boolean writes = ok.get("publish") && ok.get("tag") && ok.get("tus") && ok.get("miss");
            boolean none = ok.values().stream().noneMatch(v -> v);
            cells.add(reads && writes ? "w" : reads && ok.entrySet().stream().noneMatch(e -> List.of("publish", "tag", "tus", "miss")
                    .contains(e.getKey()) && e.getValue()) ? "r" : none ? "-" : "?" + ok);
        }
        return String.join(" ", cells);
    }

    @Test
    void theMatrix() {
        List<String> wrong = new ArrayList<>();
        expect(wrong, "ann: read scope + write grant on " + A, ann, "w r r");
        expect(wrong, "gil: metrics scope + admin grant on team-*", gil, "- w -");
        expect(wrong, "wes: read and write scopes, no grant", wes, "w w w");
        expect(wrong, "admin", ADMIN, "w w w");
        String narrowed = token(ann, "{\"name\":\"narrow\",\"scopes\":[\"read\",\"write\"],\"namespaces\":[\"" + A + "\"]}");
        expect(wrong, "ann's token narrowed to " + A, narrowed, "w - -");
        String readOnly = token(ann, "{\"name\":\"ro\",\"scopes\":[\"read\"]}");
        expect(wrong, "ann's read-only token", readOnly, "r r r");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static void expect(List<String> wrong, String who, String token, String expected) {
        String actual = row(token);
        if (!actual.equals(expected)) {
            wrong.add(who + ": expected " + expected + " got " + actual);
        }
    }

    static String token(String session, String body) {
        Http.Reply r = Http.postJson("/auth/tokens", session, body);
        assertEquals(201, r.status(), r.body());
        return r.json().path("token").asText();
    }

    @Test
    void aScopeHeldOnlyThroughAGrantCanBeGivenToATokenButNotBeyondIt() {
        Http.Reply noGrant = Http.postJson("/auth/tokens", gil, "{\"name\":\"w\",\"scopes\":[\"read\"]}");
        assertEquals(201, noGrant.status(), "gil holds read through the admin grant: " + noGrant.body());
        Http.Reply bad = Http.postJson("/auth/tokens", ann, "{\"name\":\"bad\",\"scopes\":[\"read\"],\"namespaces\":[\"a*b\"]}");
        assertEquals(400, bad.status());
        assertEquals("VALIDATION_ERROR", bad.errorCode());
        Http.Reply listed = Http.get("/auth/tokens", ann);
        assertTrue(listed.body().contains("\"namespaces\""), listed.body());
    }

    @Test
    void theMavenLayoutTreatsTheGroupIdAsTheNamespace() {
        String token = token(gil, "{\"name\":\"mvn\",\"scopes\":[\"read\",\"write\"]}");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((gilUser + ":" + token).getBytes(StandardCharsets.UTF_8));
        java.util.function.BiFunction<String, String, Integer> put = (group, file) -> Http.send(Http.request(
                "/maven/releases/" + group + "/lib/1.0/" + file, null).header("Authorization", basic)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file.getBytes(StandardCharsets.UTF_8))).build()).status();
        java.util.function.Function<String, Integer> get = (path) -> Http.send(Http.request("/maven/releases/" + path, null)
                .header("Authorization", basic).GET().build()).status();
        assertEquals(201, put.apply(TEAM, "lib-1.0.jar"), "gil may write the groupId " + TEAM);
        assertEquals(403, put.apply(OTHER, "lib-1.0.jar"));
        assertEquals(200, get.apply(TEAM + "/lib/1.0/lib-1.0.jar"));
        assertEquals(200, get.apply(TEAM + "/lib/maven-metadata.xml"));
        assertEquals(403, get.apply(OTHER + "/lib/maven-metadata.xml"), "metadata is answered without a route: checked too");
        assertEquals(403, get.apply(OTHER + "/app/1.0.0/app-1.0.0.jar"));
    }

    @Test
    void deletionNeedsTheAdminScopeOrAnAdminGrantOnTheNamespace() {
        assertEquals(201, Artifacts.publish(ADMIN, TEAM, "del", "1.0.0", "x", "d").status());
        assertEquals(201, Artifacts.publish(ADMIN, A, "del", "1.0.0", "x", "d").status());
        assertEquals(403, Http.delete("/admin/artifacts/" + A + "/del/1.0.0/x", gil).status());
        assertEquals(403, Http.delete("/admin/artifacts/" + TEAM + "/del/1.0.0/x", ann).status());
        assertEquals(200, Http.delete("/admin/artifacts/" + TEAM + "/del/1.0.0/x", gil).status());
        assertEquals(200, Http.delete("/admin/artifacts/" + A + "/del/1.0.0/x", ADMIN).status());
    }

    @Test
    void theAdminApiValidatesAndAuditsAndAnAuditorFindsWhoCouldAndWhoDid() {
        String user = Users.create("graud", "read");
        String id = grant("group", "cn=auditors,dc=example", BASE + "-aud*", "write");
        assertEquals(409, Http.postJson("/admin/grants", ADMIN, "{\"subject_kind\":\"group\",\"subject\":\"cn=auditors,dc=example\","
                + "\"pattern\":\"" + BASE + "-aud*\",\"action\":\"write\"}").status());
        for (String body : List.of("{}", "{\"subject_kind\":\"user\",\"subject\":\"x\",\"pattern\":\"a b\",\"action\":\"read\"}",
                "{\"subject_kind\":\"role\",\"subject\":\"x\",\"pattern\":\"a\",\"action\":\"read\"}",
                "{\"subject_kind\":\"user\",\"subject\":\"x\",\"pattern\":\"a\",\"action\":\"own\"}")) {
            Http.Reply r = Http.postJson("/admin/grants", ADMIN, body);
            assertEquals(400, r.status(), body);
            assertEquals("VALIDATION_ERROR", r.errorCode(), body);
        }
        assertEquals(403, Http.postJson("/admin/grants", wes, "{\"subject_kind\":\"user\",\"subject\":\"" + user
                + "\",\"pattern\":\"x\",\"action\":\"admin\"}").status());
        JsonNode covering = Http.get("/admin/grants?namespace=" + BASE + "-audit", ADMIN).json().path("grants");
        assertEquals(1, covering.size(), covering.toString());
        assertEquals(id, covering.get(0).path("id").asText());
        assertEquals(400, Http.get("/admin/grants?namespace=a*", ADMIN).status());
        assertEquals(200, Http.delete("/admin/grants/" + id, ADMIN).status());
        assertEquals(404, Http.delete("/admin/grants/" + id, ADMIN).status());

        String ns = BASE + "-audit";
        assertEquals(201, Artifacts.publish(ADMIN, ns, "app", "1.0.0", "x", "audited").status());
        JsonNode changes = Http.get("/admin/events?order=desc&type=grant.*&namespace=" + ns + "&from=2020-01-01", ADMIN).json().path("events");
        assertEquals(List.of("grant.deleted", "grant.created"), types(changes));
        assertEquals("admin", changes.get(0).path("payload").path("by").asText());
        assertEquals("cn=auditors,dc=example", changes.get(0).path("payload").path("subject").asText());
        JsonNode published = Http.get("/admin/events?type=artifact.published&namespace=" + ns, ADMIN).json().path("events");
        assertEquals(1, published.size());
        assertEquals(0, Http.get("/admin/events?type=artifact.published&namespace=" + ns + "&to=2020-01-01", ADMIN).json()
                .path("events").size());
        assertEquals(1, Http.get("/admin/events?order=desc&actor=admin&type=artifact.published&namespace=" + ns, ADMIN).json()
                .path("events").size());
        for (String q : List.of("type=Bad!", "from=yesterday", "to=2026-13-01", "from=2026-02-01&to=2026-01-01", "namespace=a/b")) {
            Http.Reply r = Http.get("/admin/events?" + q, ADMIN);
            assertEquals(400, r.status(), q);
            assertEquals("INVALID_REQUEST", r.errorCode(), q);
        }
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("type").asText()));
        return out;
    }
}
