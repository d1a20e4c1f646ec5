package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.storage.blob.BlobRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep frees deleted artifacts' and crash orphans' bytes, never younger-than-grace files; a dry run frees nothing. */
class SweepTest {
    static final long GRACE = 3600;
    static final Duration OLD = Duration.ofHours(2);

    @TempDir
    Path dir;

    /** A blob stored without metadata, as a crash between blob and metadata commit leaves it. */
    private static BlobRef orphan(GcFixture f, String content) throws Exception {
        return f.blobs().put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 1 << 20, 0, null);
    }

    private static Set<Path> files(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            return new HashSet<>(walk.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void freesDeletedAndOrphanedBlobsButNotYoungOrReferencedOnes() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true))) {
            String kept = f.publish("acme", "app", "1.0.0", "x", "kept bytes");
            String deleted = f.publish("acme", "app", "2.0.0", "x", "deleted artifact's bytes");
            String shared = f.publish("acme", "app", "3.0.0", "x", "bytes two artifacts share");
            f.publish("acme", "app", "3.0.0", "y", "bytes two artifacts share");
            BlobRef oldOrphan = orphan(f, "crash orphan");
            BlobRef youngOrphan = orphan(f, "an upload that is still committing, or just lost");
            Path staleStaging = Files.writeString(f.blobs().root().resolve(".staging/put-crash.tmp"), "partial");
            Files.setLastModifiedTime(staleStaging, FileTime.from(Instant.now().minus(OLD)));
            f.deletion().delete("artifact/acme/app/2.0.0/x", ArtifactDeletion.TagPolicy.REFUSE, "admin", "test");
            f.deletion().delete("artifact/acme/app/3.0.0/x", ArtifactDeletion.TagPolicy.REFUSE, "admin", "test");
            for (String digest : new String[] {kept, deleted, shared, oldOrphan.digest()}) {
                f.age(digest, OLD);
            }

            GcRun run = f.gc(false, GRACE);

            assertEquals(GcRun.State.COMPLETED, run.state());
            assertTrue(f.blobExists(kept));
            assertTrue(f.blobExists(shared), "still referenced by 3.0.0/y");
            assertFalse(f.blobExists(deleted));
            assertFalse(f.blobExists(oldOrphan.digest()));
            assertTrue(f.blobExists(youngOrphan.digest()), "younger than the grace window");
            assertFalse(Files.exists(staleStaging));
            assertEquals(2, run.swept());
            assertEquals("deleted artifact's bytes".length() + "crash orphan".length(), run.bytesFreed());
            assertEquals(2, run.marked());
            assertEquals(1, run.toJson().path("young").asLong());
            assertEquals(1, run.toJson().path("staging_purged").asLong());
            assertEquals(2, f.assertEveryArtifactIntact());
            JsonNode stored = new GcRunStore(f.metadata()).get(run.id()).orElseThrow();
            assertEquals("completed", stored.path("state").asText());
            assertEquals(2, stored.path("deleted").size());
        }
    }

    @Test
    void aDryRunDeletesNothingAndReportsWhatWouldGo() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 1, true))) {
            f.publish("acme", "app", "1.0.0", "x", "old version");
            f.publish("acme", "app", "2.0.0", "x", "new version");
            BlobRef orphan = orphan(f, "orphan");
            f.age(orphan.digest(), OLD);
            Set<Path> before = files(dir);
            long events = f.metadata().length();

            GcRun run = f.gc(true, 0);

            assertEquals(before, files(dir), "no file deleted");
            assertEquals(2, f.versions("acme", "app").size(), "no artifact deleted");
            assertEquals(1, run.artifactsDeleted(), "would delete 1.0.0");
            assertEquals(1, run.swept(), "would sweep the orphan");
            assertEquals("old version".length() + "orphan".length(), run.bytesFreed());
            JsonNode record = run.toJson();
            assertTrue(record.path("dry_run").asBoolean());
            assertEquals(2, record.path("would_delete").size());
            assertEquals(events + 1, f.metadata().length(), "only gc.completed");
            assertEquals("gc.completed", f.metadata().readAfter(events, 1).get(0).type());
            assertTrue(f.metadata().readAfter(events, 1).get(0).payload().path("dry_run").asBoolean());
        }
    }

    @Test
    void withoutMarkRulesTheSweepRefusesToDeleteAnything() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("gc")
                .path("sweep").path("mark")).putArray("mark_blobs_by"))) {
            BlobRef orphan = orphan(f, "orphan");
            f.age(orphan.digest(), OLD);
            GcRun run = f.gc(false, 0);
            assertTrue(f.blobExists(orphan.digest()));
            assertEquals(1, run.errors());
        }
    }
}
