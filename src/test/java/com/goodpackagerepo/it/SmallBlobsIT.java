package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On a second server with the default {@code gpr.blobs.inline-max-bytes} (the shared IT server runs with 0, since
 * other ITs look for blob files): small blobs are committed into LMDB — no file — and served with Range, ETag,
 * If-None-Match and HEAD like files; identical content is stored once; deleting the artifact and a GC run free the
 * blob; a backup holds it and a restore onto wiped data serves it again. A blob above the threshold stays a file.
 */
class SmallBlobsIT {

    private static long blobFiles() throws Exception {
        Path blobs = PeerServer.dir().resolve("data/blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(blobs)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".staging")).count();
        }
    }

    private static long inlineBlobs(PeerServer peer) {
        Http.Reply stats = peer.get("/admin/store/stats");
        assertEquals(200, stats.status(), stats.body());
        return stats.json().path("stats").path("entries").path("blobs").asLong(-1);
    }

    private static Http.Reply put(PeerServer peer, String path, String content) {
        return Http.send(peer.request(path, peer.admin()).PUT(HttpRequest.BodyPublishers.ofString(content)).build());
    }

    @Test
    void smallBlobsLiveInTheMetadataStore() throws Exception {
        PeerServer peer = new PeerServer();
        peer.start(Map.of());
        try {
            String ns = Http.unique("small");
            String content = "small blob ".repeat(400); // 4.4 KB
            String digest = Artifacts.sha256(content);
            String path = Artifacts.blobPath(ns, "app", "1.0.0", "x");
            assertEquals(201, put(peer, path, content).status());
            assertEquals(201, put(peer, Artifacts.blobPath(ns, "app", "1.0.1", "x"), content).status());
            String gone = "deleted soon";
            String gonePath = Artifacts.blobPath(ns, "app", "2.0.0", "x");
            assertEquals(201, put(peer, gonePath, gone).status());
            String large = "L".repeat(64 * 1024 + 1);
            String largePath = Artifacts.blobPath(ns, "big", "1.0.0", "x");
            assertEquals(201, put(peer, largePath, large).status());

            assertEquals(1, blobFiles(), "only the blob above 64 KiB is a file");
            long inline = inlineBlobs(peer);
            assertEquals(2, inline, "two distinct small contents, the shared one stored once");

            Http.Reply whole = peer.getBytes(path);
            assertEquals(200, whole.status());
            assertEquals(content, whole.body());
            String etag = whole.header("ETag");
            assertEquals("\"" + digest + "\"", etag);
            Http.Reply range = PeerServer.sendForBytes(peer.request(path, peer.admin()).header("Range", "bytes=6-15").GET().build());
            assertEquals(206, range.status());
            assertEquals(content.substring(6, 16), range.body());
            assertEquals("bytes 6-15/" + content.length(), range.header("Content-Range"));
            Http.Reply notModified = PeerServer.sendForBytes(peer.request(path, peer.admin()).header("If-None-Match", etag).GET().build());
            assertEquals(304, notModified.status());
            Http.Reply head = PeerServer.sendForBytes(peer.request(path, peer.admin())
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, head.status());
            assertEquals(Integer.toString(content.length()), head.header("Content-Length"));
            assertEquals(large, peer.getBytes(largePath).body());

            String token = peer.admin();
            Http.Reply deleted = Http.send(peer.request("/admin/artifacts/" + ns + "/app/2.0.0/x", token).DELETE().build());
            assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted.body());
            Http.Reply gc = Http.send(peer.request("/admin/gc/runs", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dry_run\":false,\"grace_seconds\":0}")).build());
            assertEquals(202, gc.status(), gc.body());
            JsonNode run = awaitRun(peer, gc.json().path("run").path("id").asText());
            assertEquals("completed", run.path("state").asText(), run.toString());
            assertEquals(1, run.path("swept").asLong(), run.toString());
            assertEquals(gone.length(), run.path("bytes_freed").asLong(), run.toString());
            assertEquals(1, inlineBlobs(peer), "the deleted artifact's small blob is freed");
            assertEquals(content, peer.getBytes(path).body(), "the referenced one stays");

            Http.Reply backup = Http.send(peer.request("/admin/backups", token).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(201, backup.status(), backup.body());
            Path backupDir = Path.of(backup.json().path("backup").path("path").asText());
            peer.stopCleanly();
            try (Stream<Path> walk = Files.walk(PeerServer.dir().resolve("data"))) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            peer.startAgain(Map.of("GPR_RESTORE_FROM", backupDir.toString()));
            Http.Reply restored = peer.getBytes(path);
            assertEquals(200, restored.status(), "restored from the backup's LMDB copy");
            assertEquals(content, restored.body());
            assertEquals(etag, restored.header("ETag"));
            assertEquals(large, peer.getBytes(largePath).body());
            assertEquals(1, inlineBlobs(peer));
        } finally {
            peer.stop();
        }
    }

    private static JsonNode awaitRun(PeerServer peer, String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            Http.Reply r = peer.get("/admin/gc/runs/" + id);
            assertEquals(200, r.status(), r.body());
            JsonNode run = r.json().path("run");
            if (!run.path("state").asText().equals("running")) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("gc run " + id + " did not finish");
    }
}
