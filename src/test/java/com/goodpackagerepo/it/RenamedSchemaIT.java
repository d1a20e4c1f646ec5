package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The features that used to know the shipped document names (catalog, GC deletion, retention and sweep, the blob
 * cache, the built-in routes) run on a variant of the shipped schema whose documents, JSON Schemas, indexes and
 * key templates are all renamed. It runs on a second instance of our server ({@link PeerServer}) seeded with that
 * variant at its first start, so the shared IT server's data and schema are never touched. The variant declares
 * no {@code role}: the roles are derived from its structure, as for the shipped schema.
 */
class RenamedSchemaIT {
    static final PeerServer peer = new PeerServer();
    static final FakeUpstream upstream = new FakeUpstream();
    static final long MAX_CACHE = 400_000;
    /** old name → new name, applied to the shipped schema's text. */
    static final Map<String, String> RENAMES = Map.of(
            "\"artifact_meta\"", "\"pkg_record\"",
            "\"artifact_meta.", "\"pkg_record.",
            "\"tag_map\"", "\"label_entry\"",
            "\"artifact_versions\"", "\"releases\"",
            "\"index\":\"tags\"", "\"index\":\"labels_by_name\"",
            "\"tags\":{\"source_document\"", "\"labels_by_name\":{\"source_document\"",
            "\"artifact/{", "\"records/pkg/{",
            "\"tag/{", "\"labels/{",
            "ArtifactMetaV1", "PkgRecordV1",
            "TagMapV1", "LabelEntryV1");

    final String ns = Http.unique("renamed");

    @BeforeAll
    static void startAPeerOnTheRenamedSchema() throws Exception {
        Path schema = Path.of("target", "renamed-schema.json").toAbsolutePath();
        Files.writeString(schema, renamedSchema());
        upstream.start();
        // blobs as files (threshold 0), so the sweep's effect can be seen on disk; SmallBlobsIT covers blobs in LMDB
        peer.start(Map.of("GPR_SEED_SCHEMA", schema.toString(), "GPR_BLOB_CACHE_MAX_BYTES", Long.toString(MAX_CACHE),
                "GPR_BLOBS_INLINE_MAX_BYTES", "0"));
        Http.Reply r = peer.putJson("/admin/upstreams/originA", "{\"base_url\":\"http://127.0.0.1:" + FakeUpstream.PORT
                + "\",\"auth\":{\"mode\":\"none\"},\"timeouts_ms\":{\"connect\":1000,\"read\":5000},"
                + "\"retry\":{\"max_attempts\":2,\"backoff_ms\":100}}");
        assertEquals(200, r.status(), r.body());
    }

    @AfterAll
    static void stopThePeer() {
        peer.stop();
        upstream.stop();
    }

    /** The shipped schema with every document, JSON Schema, index and key template renamed; retention keeps 1. */
    static String renamedSchema() throws Exception {
        ObjectNode shipped = (ObjectNode) Http.MAPPER.readTree(Path.of("seed", "schema.json").toFile());
        ((ObjectNode) shipped.path("gc").path("retention")).put("keep_last_n_versions", 1);
        String text = Http.MAPPER.writeValueAsString(shipped);
        for (Map.Entry<String, String> rename : RENAMES.entrySet()) {
            assertTrue(text.contains(rename.getKey()), "the shipped schema has " + rename.getKey());
            text = text.replace(rename.getKey(), rename.getValue());
        }
        for (String old : List.of("artifact_meta", "tag_map", "artifact_versions", "\"artifact/", "\"tag/",
                "\"index\":\"tags\"")) {
            assertFalse(text.contains(old), old + " is renamed");
        }
        return text;
    }

    @Test
    void thePeerRunsTheRenamedSchema() {
        JsonNode config = peer.get("/admin/config").json();
        String text = config.toString();
        assertTrue(text.contains("pkg_record") && text.contains("label_entry") && text.contains("releases"), text);
        assertFalse(text.contains("artifact_meta"), text);
    }

    @Test
    void publishFetchLatestVersionsTagsCatalogDeletionRetentionAndGc() {
        byte[] v1 = random(1000);
        byte[] v2 = random(1100);
        byte[] v3 = random(1200);
        byte[] v4 = random(1300);
        String digest1 = publish("1.0.0", v1);
        String digest2 = publish("1.1.0", v2);
        publish("2.0.0", v3);

        Http.Reply blob = peer.getBytes(Artifacts.blobPath(ns, "app", "1.1.0", "x"));
        assertEquals(200, blob.status(), blob.body());
        assertArrayEquals(v2, PeerServer.bytes(blob));
        assertEquals("2.0.0", peer.get("/v1/" + ns + "/app/latest").json().path("version").asText());
        assertEquals(List.of("2.0.0", "1.1.0", "1.0.0"), versions());

        Http.Reply tagged = peer.putJson("/v1/" + ns + "/app/tags/stable",
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}");
        assertEquals(200, tagged.status(), tagged.body());
        JsonNode tag = peer.get("/v1/" + ns + "/app/tags/stable").json();
        assertEquals("1.0.0", tag.path("target_version").asText(), tag.toString());
        assertEquals("x", tag.path("target_variant").asText(), tag.toString());
        assertEquals("records/pkg/" + ns + "/app/1.0.0/x", tag.path("target_key").asText());

        JsonNode packages = peer.get("/v1/catalog?namespace=" + ns).json().path("packages");
        assertEquals(1, packages.size(), packages.toString());
        assertEquals(3, packages.get(0).path("version_count").asInt(), packages.toString());
        assertEquals("2.0.0", packages.get(0).path("latest").path("version").asText());
        JsonNode detail = peer.get("/v1/catalog/package?namespace=" + ns + "&name=app").json();
        assertEquals(3, detail.path("artifacts").size(), detail.toString());
        assertEquals(1100, detail.path("artifacts").get(1).path("blob_size").asInt(), detail.toString());
        assertEquals("stable", detail.path("tags").get(0).path("tag").asText(), detail.toString());
        assertEquals("1.0.0", detail.path("tags").get(0).path("target_version").asText(), detail.toString());
        assertEquals(ns, peer.get("/v1/catalog/namespaces?prefix=" + ns).json().path("namespaces").get(0)
                .path("namespace").asText());

        Http.Reply refused = delete("/admin/artifacts/" + ns + "/app/1.0.0/x");
        assertEquals(409, refused.status(), "a tagged artifact is not deleted without force: " + refused.body());
        Http.Reply deleted = delete("/admin/artifacts/" + ns + "/app/1.1.0/x");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(digest2, deleted.json().path("blob_digest").asText());
        assertEquals(List.of("2.0.0", "1.0.0"), versions());
        assertEquals(404, peer.get(Artifacts.blobPath(ns, "app", "1.1.0", "x")).status());

        JsonNode sweep = gcRun("{\"dry_run\":false,\"grace_seconds\":0}");
        assertEquals("completed", sweep.path("state").asText(), sweep.toString());
        assertEquals(0, sweep.path("errors").asInt(), sweep.toString());
        assertTrue(sweep.path("swept").asInt() >= 1, "the deleted artifact's blob is swept: " + sweep);
        assertFalse(Files.exists(peerBlob(digest2)), "blob of the deleted artifact");
        assertTrue(Files.exists(peerBlob(digest1)), "blob of a kept artifact");

        publish("3.0.0", v4);
        JsonNode retention = gcRun("{\"dry_run\":false,\"grace_seconds\":0,\"namespace\":\"" + ns + "\"}");
        assertEquals(0, retention.path("errors").asInt(), retention.toString());
        assertEquals(1, retention.path("artifacts_deleted").asInt(), "2.0.0 expires, tagged 1.0.0 stays: " + retention);
        assertEquals(List.of("3.0.0", "1.0.0"), versions());
        assertArrayEquals(v1, PeerServer.bytes(peer.getBytes(Artifacts.blobPath(ns, "app", "1.0.0", "x"))));
    }

    @Test
    void theBlobCacheEvictsProxiedArtifactsOfTheRenamedDocument() {
        int size = (int) (MAX_CACHE * 0.4);
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String path = Artifacts.blobPath(ns, "cached", i + ".0.0", "x");
            paths.add(path);
            upstream.holds(path, random(size));
            Http.Reply fetched = peer.getBytes("/v1/proxy" + path.substring("/v1".length()));
            assertEquals(200, fetched.status(), fetched.body());
        }
        assertEquals(404, peer.get(paths.get(0)).status(), "#1 evicted: its document and index rows are gone");
        assertEquals(List.of("3.0.0", "2.0.0"), versionsOf("cached"));
        assertEquals(200, peer.get(paths.get(2)).status(), "#3 is cached");
        String metrics = Http.send(peer.request("/metrics", peer.admin()).GET().build()).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gpr_cache_evictions_total") && !l.endsWith(" 0.0")),
                "an eviction is counted");
    }

    private String publish(String version, byte[] bytes) {
        Http.Reply r = Http.send(peer.request(Artifacts.blobPath(ns, "app", version, "x"), peer.admin())
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertEquals(201, r.status(), r.body());
        return r.json().path("digest").asText();
    }

    private List<String> versions() {
        return versionsOf("app");
    }

    private List<String> versionsOf(String name) {
        Http.Reply r = peer.get("/v1/" + ns + "/" + name + "/versions");
        assertEquals(200, r.status(), r.body());
        List<String> versions = new ArrayList<>();
        r.json().path("versions").forEach(v -> versions.add(v.path("version").asText()));
        return versions;
    }

    private Http.Reply delete(String path) {
        return Http.send(peer.request(path, peer.admin()).DELETE().build());
    }

    /** Runs gc on the peer and waits for the run's end. */
    private JsonNode gcRun(String body) {
        Http.Reply started = Http.send(peer.request("/admin/gc/runs", peer.admin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(202, started.status(), started.body());
        String id = started.json().path("run").path("id").asText();
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end) {
            JsonNode run = peer.get("/admin/gc/runs/" + id).json().path("run");
            if (!run.path("state").asText().equals("running")) {
                return run;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("gc run " + id + " did not finish");
    }

    private static Path peerBlob(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"), "usr/servers", PeerServer.NAME,
                "data/blobs/sha256", hex.substring(0, 2), hex.substring(2, 4), hex);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
