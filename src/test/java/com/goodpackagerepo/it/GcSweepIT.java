package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep over HTTP against the server's real blob directory: the bytes of a deleted artifact, a crash orphan
 * and an abandoned staging file go once they are older than the grace window (set through the admin API), a
 * younger-than-grace file stays, a dry run only reports, and each run leaves a gc.completed event and metrics.
 * Files are aged by setting their modification time, so the test needs no waiting.
 */
class GcSweepIT {
    @Test
    void aSweepFreesDeletedAndOrphanedBytesButNotYoungFilesAndADryRunOnlyReports() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("sweep");
        String content = "deleted artifact bytes " + ns;
        String digest = Artifacts.sha256(content);
        String keptContent = "kept artifact bytes " + ns;
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", content).status());
        assertEquals(201, Artifacts.publish(admin, ns, "app", "2.0.0", "x", keptContent).status());
        assertEquals(200, Http.delete("/admin/artifacts/" + ns + "/app/1.0.0/x", admin).status());
        Path deletedBlob = Gc.blobFile(digest);
        Path keptBlob = Gc.blobFile(Artifacts.sha256(keptContent));
        Gc.age(deletedBlob, Duration.ofHours(2));
        Gc.age(keptBlob, Duration.ofHours(2));
        byte[] orphanBytes = ("crash orphan " + ns).getBytes(StandardCharsets.UTF_8);
        Path orphan = Gc.plant(orphanBytes);
        Gc.age(orphan, Duration.ofHours(2));
        byte[] youngBytes = ("young unreferenced " + ns).getBytes(StandardCharsets.UTF_8);
        Path young = Gc.plant(youngBytes);
        Path staging = Gc.STAGING.resolve("upload-" + ns + ".tmp");
        Files.createDirectories(staging.getParent());
        Files.writeString(staging, "half an upload");
        Gc.age(staging, Duration.ofHours(3));

        JsonNode before = Gc.change("{\"sweep\":{\"sweep_unreferenced_after_seconds\":3600}}");
        try {
            assertEquals(3600, Gc.settings().path("effective").path("grace_seconds").asLong());

            JsonNode dry = Gc.run("{\"dry_run\":true}");
            assertEquals("completed", dry.path("state").asText(), dry.toString());
            assertEquals(3600, dry.path("grace_seconds").asLong());
            JsonNode deletedItem = blobItem(dry.path("would_delete"), digest);
            assertEquals(content.length(), deletedItem.path("size").asLong());
            assertEquals(orphanBytes.length, blobItem(dry.path("would_delete"), Artifacts.sha256(orphanBytes))
                    .path("size").asLong());
            assertTrue(dry.path("bytes_freed").asLong() >= content.length() + orphanBytes.length);
            assertTrue(Files.exists(deletedBlob) && Files.exists(orphan) && Files.exists(staging),
                    "a dry run deletes nothing");

            JsonNode real = Gc.run("{\"dry_run\":false}");
            assertEquals("completed", real.path("state").asText(), real.toString());
            assertEquals(0, real.path("errors").asInt(), real.toString());
            assertFalse(Files.exists(deletedBlob), "the deleted artifact's bytes are freed");
            assertFalse(Files.exists(orphan), "the crash orphan is freed");
            assertFalse(Files.exists(staging), "the abandoned staging file is purged");
            assertTrue(Files.exists(young), "a file younger than the grace window stays");
            assertTrue(Files.exists(keptBlob), "a referenced blob stays however old");
            assertTrue(real.path("staging_purged").asInt() >= 1);
            assertTrue(real.path("young").asInt() >= 1);
            assertTrue(real.path("marked").asInt() >= 1);
            assertTrue(real.path("bytes_freed").asLong() >= content.length() + orphanBytes.length);
            blobItem(real.path("deleted"), digest);
            assertEquals(keptContent, Http.get(Artifacts.blobPath(ns, "app", "2.0.0", "x"), admin).body());

            List<JsonNode> completed = Events.find(admin, "gc.completed", "run_id", real.path("id").asText());
            assertEquals(1, completed.size());
            assertEquals(real.path("swept").asLong(), completed.get(0).path("payload").path("swept").asLong());
            assertEquals(real.path("bytes_freed").asLong(),
                    completed.get(0).path("payload").path("bytes_freed").asLong());

            JsonNode listed = Http.get("/admin/gc/runs", admin).json();
            assertTrue(listed.path("runs").size() >= 2);
            assertTrue(listed.path("runs").findValues("id").stream()
                    .anyMatch(id -> id.asText().equals(dry.path("id").asText())), "past runs are listed");
            assertTrue(listed.path("runs").get(0).path("would_delete").isMissingNode()
                    && listed.path("runs").get(0).path("deleted").isMissingNode(), "listings leave out the item lists");

            String metrics = Http.get("/metrics", Http.SCRAPE).body();
            for (String name : List.of("gpr_gc_runs_total", "gpr_gc_swept_blobs_total", "gpr_gc_freed_bytes_total",
                    "gpr_gc_marked_blobs_total", "gpr_gc_last_run_duration_seconds", "gpr_gc_last_success_timestamp_seconds")) {
                assertTrue(metrics.contains(name), name + " on /metrics");
            }
        } finally {
            Gc.restore(before);
            Files.deleteIfExists(young);
        }
    }

    private static JsonNode blobItem(JsonNode items, String digest) {
        for (JsonNode item : items) {
            if (item.path("kind").asText().equals("blob") && item.path("digest").asText().equals(digest)) {
                return item;
            }
        }
        throw new AssertionError(digest + " not listed in " + items);
    }
}
