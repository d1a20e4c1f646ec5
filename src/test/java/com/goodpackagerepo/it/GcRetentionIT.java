package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * gc.retention over HTTP: with keep_last_n_versions=2 and keep_tags_forever, a run keeps exactly the two newest
 * versions (semver order, a prerelease counts, each version once however many variants) plus the tagged one.
 * Runs are limited to the test's namespace so that the other tests' packages on the shared server are untouched.
 */
class GcRetentionIT {
    static final List<String> VARIANTS = List.of("linux-amd64", "linux-arm64", "darwin-arm64");
    /** Published out of order; newest first: 2.0.0, 2.0.0-rc.1, 1.10.0, 1.9.0, 1.2.0, 0.9.0. */
    static final List<String> VERSIONS = List.of("1.9.0", "0.9.0", "2.0.0-rc.1", "1.10.0", "1.2.0", "2.0.0");

    @Test
    void keepsExactlyTheNewestVersionsAndTaggedOnesAndADryRunDeletesNothing() {
        String admin = Http.admin();
        String ns = Http.unique("retain");
        for (String version : VERSIONS) {
            for (String variant : VARIANTS) {
                assertEquals(201, Artifacts.publish(admin, ns, "app", version, variant,
                        ns + " " + version + " " + variant).status());
            }
        }
        assertEquals(201, Artifacts.publish(admin, ns, "single", "0.1.0", "x", ns + " single").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/legacy", admin,
                "{\"target_version\":\"1.2.0\",\"target_variant\":\"darwin-arm64\"}").status());
        Set<String> expectedGone = new TreeSet<>();
        for (String version : List.of("1.10.0", "1.9.0", "0.9.0")) {
            VARIANTS.forEach(variant -> expectedGone.add("artifact/" + ns + "/app/" + version + "/" + variant));
        }

        JsonNode before = Gc.change("{\"retention\":{\"keep_last_n_versions\":2,\"keep_tags_forever\":true}}");
        try {
            assertEquals(2, Gc.settings().path("effective").path("keep_last_n_versions").asInt());

            JsonNode dry = Gc.run("{\"dry_run\":true,\"namespace\":\"" + ns + "\"}");
            assertEquals("completed", dry.path("state").asText(), dry.toString());
            assertEquals(ns, dry.path("namespace").asText());
            assertEquals(expectedGone, artifactKeys(dry.path("would_delete")), "what a run would delete");
            assertEquals(expectedGone.size(), dry.path("artifacts_deleted").asInt());
            assertTrue(dry.path("bytes_freed").asLong() > 0, dry.toString());
            assertEquals(VERSIONS.size() * VARIANTS.size(), versions(ns, "app").size(), "a dry run deletes nothing");

            JsonNode real = Gc.run("{\"dry_run\":false,\"namespace\":\"" + ns + "\"}");
            assertEquals("completed", real.path("state").asText(), real.toString());
            assertEquals(expectedGone.size(), real.path("artifacts_deleted").asInt());
            assertEquals(expectedGone, artifactKeys(real.path("deleted")));
        } finally {
            Gc.restore(before);
        }
        List<String> kept = versions(ns, "app");
        List<String> expectedKept = new ArrayList<>();
        for (String version : List.of("2.0.0", "2.0.0-rc.1", "1.2.0")) {
            VARIANTS.stream().sorted(java.util.Comparator.reverseOrder()).forEach(v -> expectedKept.add(version + "/" + v));
        }
        assertEquals(expectedKept, kept, "the two newest versions in every variant, and the tagged 1.2.0 in every variant");
        assertEquals(List.of("0.1.0/x"), versions(ns, "single"));
        assertEquals(200, Http.get("/v1/" + ns + "/app/tags/legacy", admin).status(), "the tag stays");
        assertEquals(404, Http.get(Artifacts.blobPath(ns, "app", "1.10.0", "linux-amd64"), admin).status());
        assertEquals(ns + " 1.2.0 linux-amd64",
                Http.get(Artifacts.blobPath(ns, "app", "1.2.0", "linux-amd64"), admin).body());
        List<JsonNode> events = Events.find(admin, "artifact.deleted", "namespace", ns);
        assertEquals(expectedGone.size(), events.size());
        assertTrue(events.stream().allMatch(e -> e.path("payload").path("reason").asText().equals("retention")));
        assertFalse(Gc.settings().path("gc").path("retention").path("keep_last_n_versions").asInt() == 2,
                "the shared server's retention is put back");
    }

    private static Set<String> artifactKeys(JsonNode items) {
        Set<String> keys = new TreeSet<>();
        items.forEach(item -> {
            if (item.path("kind").asText().equals("artifact")) {
                keys.add(item.path("key").asText());
            }
        });
        return keys;
    }

    /** Every version/variant of a package, newest first, as the versions API lists them. */
    static List<String> versions(String ns, String name) {
        List<String> out = new ArrayList<>();
        Http.get("/v1/" + ns + "/" + name + "/versions?limit=1000", Http.admin()).json().path("versions")
                .forEach(v -> out.add(v.path("version").asText() + "/" + v.path("variant").asText()));
        return out;
    }
}
