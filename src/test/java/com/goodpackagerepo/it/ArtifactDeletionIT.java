package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DELETE /admin/artifacts/…: admin only, tags refused or removed, an event, the blob left, the re-publish rule. */
class ArtifactDeletionIT {
    private static String path(String ns, String version) {
        return "/admin/artifacts/" + ns + "/app/" + version + "/linux";
    }

    @Test
    void onlyAnAdminDeletesAndBadRequestsGetClearErrors() {
        String admin = Http.admin();
        String ns = Http.unique("del-auth");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "linux", "guarded").status());
        String writer = Users.token("del-writer", "read", "write");

        assertEquals(401, Http.delete(path(ns, "1.0.0"), null).status());
        Http.Reply forbidden = Http.delete(path(ns, "1.0.0"), writer);
        assertEquals(403, forbidden.status());
        assertEquals("FORBIDDEN", forbidden.errorCode());
        Http.Reply unknown = Http.delete(path(ns, "9.9.9"), admin);
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.errorCode());
        Http.Reply badForce = Http.delete(path(ns, "1.0.0") + "?force=perhaps", admin);
        assertEquals(400, badForce.status());
        assertEquals("INVALID_REQUEST", badForce.errorCode());
        Http.Reply badVersion = Http.delete("/admin/artifacts/" + ns + "/app/-bad!/linux", admin);
        assertEquals(400, badVersion.status(), badVersion.body());
        assertTrue(badVersion.json().path("error").path("message").asText().length() > 0);

        assertEquals(200, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "linux"), admin).status(),
                "none of the refused requests deleted anything");
    }

    @Test
    void tagsAreRefusedUnlessForcedThenRemovedWithTheArtifactAndAnEventIsLogged() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("del-tags");
        String content = "compromised release " + ns;
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "linux", content).status());
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.1.0", "linux", content + " fixed").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/stable", admin,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"linux\"}").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/lts", admin,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"linux\"}").status());

        Http.Reply refused = Http.delete(path(ns, "1.0.0"), admin);
        assertEquals(409, refused.status());
        assertEquals("CONFLICT", refused.errorCode());
        assertTrue(refused.body().contains("stable") && refused.body().contains("lts"), refused.body());
        assertEquals(200, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "linux"), admin).status());

        Http.Reply deleted = Http.delete(path(ns, "1.0.0") + "?force=true", admin);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("artifact/" + ns + "/app/1.0.0/linux", deleted.json().path("deleted").asText());
        assertEquals(Artifacts.sha256(content), deleted.json().path("blob_digest").asText());
        assertEquals(List.of("lts", "stable"), sorted(deleted.json().path("removed_tags")));

        assertEquals(404, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "linux"), admin).status());
        assertEquals(404, Http.get("/v1/" + ns + "/app/tags/stable", admin).status());
        assertEquals(404, Http.get("/v1/" + ns + "/app/tags/lts", admin).status());
        JsonNode versions = Http.get("/v1/" + ns + "/app/versions", admin).json().path("versions");
        assertEquals(1, versions.size(), versions.toString());
        assertEquals("1.1.0", versions.get(0).path("version").asText());
        assertEquals("1.1.0", Http.get("/v1/" + ns + "/app/latest", admin).json().path("version").asText());
        assertTrue(Files.exists(Gc.blobFile(Artifacts.sha256(content))), "the blob is left for the collector");
        assertEquals(404, Http.delete(path(ns, "1.0.0"), admin).status(), "a second delete finds nothing");

        List<JsonNode> events = Events.find(admin, "artifact.deleted", "namespace", ns);
        assertEquals(1, events.size(), events.toString());
        JsonNode payload = events.get(0).path("payload");
        assertEquals("1.0.0", payload.path("version").asText());
        assertEquals("linux", payload.path("variant").asText());
        assertEquals(Artifacts.sha256(content), payload.path("blob_digest").asText());
        assertEquals("admin", payload.path("by").asText());
        assertEquals(List.of("lts", "stable"), sorted(payload.path("removed_tags")));
    }

    @Test
    void aDeletedKeyIsRepublishableOnlyWithTheSameBytesUnlessTheOperatorAllowsIt() {
        String admin = Http.admin();
        String ns = Http.unique("del-repub");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "linux", "original").status());
        assertEquals(200, Http.delete(path(ns, "1.0.0"), admin).status());

        Http.Reply other = Artifacts.publish(admin, ns, "app", "1.0.0", "linux", "different bytes");
        assertEquals(409, other.status(), other.body());
        assertEquals("ALREADY_EXISTS", other.errorCode());
        assertTrue(other.body().contains("immutable_after_publish"), other.body());
        assertEquals(404, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "linux"), admin).status());

        Http.Reply same = Artifacts.publish(admin, ns, "app", "1.0.0", "linux", "original");
        assertEquals(201, same.status(), "the same content may come back: " + same.body());
        assertEquals("original", Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "linux"), admin).body());

        assertEquals(201, Artifacts.publish(admin, ns, "app", "2.0.0", "linux", "two").status());
        assertEquals(200, Http.delete(path(ns, "2.0.0"), admin).status());
        JsonNode before = Gc.change("{\"retention\":{\"immutable_after_publish\":false}}");
        try {
            assertTrue(before.path("retention").path("immutable_after_publish").asBoolean());
            Http.Reply allowed = Artifacts.publish(admin, ns, "app", "2.0.0", "linux", "two, rebuilt");
            assertEquals(201, allowed.status(), "the operator allows re-publishing: " + allowed.body());
            assertEquals("two, rebuilt", Http.get(Artifacts.blobPath(ns, "app", "2.0.0", "linux"), admin).body());
        } finally {
            Gc.restore(before);
        }
        assertTrue(Gc.settings().path("gc").path("retention").path("immutable_after_publish").asBoolean());
    }

    private static List<String> sorted(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        values.sort(null);
        return values;
    }
}
