package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.pipeline.PipelineHarness;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobRef;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small blobs published inside a transaction live in LMDB's "blobs" database (no file, no extra sync), larger
 * ones stay files; both are served, deduplicated, verified and collected the same way.
 */
class SmallBlobsTest {
    static final long INLINE_MAX = 1024;

    @TempDir
    Path dir;

    private static long files(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".staging")).count();
        }
    }

    private static long inlineCount(GcFixture f) {
        return f.metadata().stats().entriesByDb().get("blobs");
    }

    @Test
    void publishRoutesBySizeAndDeduplicates() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true), INLINE_MAX)) {
            String small = "s".repeat((int) INLINE_MAX);
            String large = "L".repeat((int) INLINE_MAX + 1);
            String smallDigest = f.publish("acme", "app", "1.0.0", "x", small);
            String sameAgain = f.publish("acme", "app", "1.0.1", "x", small);
            String largeDigest = f.publish("acme", "app", "2.0.0", "x", large);

            assertEquals(smallDigest, sameAgain);
            assertEquals(1, inlineCount(f), "identical small content stored once");
            assertEquals(1, files(f.blobs().root()), "only the large blob is a file");
            BlobRef inline = f.blobs().stat(smallDigest).orElseThrow();
            assertNull(inline.path(), "served from LMDB");
            assertEquals(INLINE_MAX, inline.size());
            assertNotNull(inline.lastModified());
            try (InputStream in = inline.open(10, 5)) {
                assertArrayEquals("sssss".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
            }
            assertNotNull(f.blobs().stat(largeDigest).orElseThrow().path());
            assertEquals(3, f.assertEveryArtifactIntact());
        }
    }

    @Test
    void aWrongStatedDigestStoresNothing() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true), INLINE_MAX)) {
            String wrong = "sha-256=:" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + ":";
            PipelineResult r = f.harness.run("PUT", "/v1/acme/app/1.0.0/x/blob", PipelineHarness.WRITER, "tiny",
                    Map.of(), Map.of("content-digest", List.of(wrong)));
            assertFalse(r instanceof PipelineResult.JsonBody json && json.status() == 201, "rejected: " + r);
            assertEquals(0, inlineCount(f));
            assertEquals(0, files(f.blobs().root()));
        }
    }

    @Test
    void deleteAndGcFreeAnInlineBlobButKeepAReferencedOne() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true), INLINE_MAX)) {
            String kept = f.publish("acme", "app", "1.0.0", "x", "kept");
            String gone = f.publish("acme", "app", "2.0.0", "x", "deleted");
            f.deletion().delete("artifact/acme/app/2.0.0/x", ArtifactDeletion.TagPolicy.REFUSE, "admin", "test");

            GcRun young = f.gc(false, 3600);
            assertTrue(f.blobExists(gone), "younger than the grace window");
            assertEquals(2, young.toJson().path("young").asLong());

            GcRun run = f.gc(false, 0);
            assertEquals(GcRun.State.COMPLETED, run.state());
            assertEquals(1, run.swept());
            assertEquals("deleted".length(), run.bytesFreed());
            assertEquals(1, run.marked());
            assertTrue(f.blobExists(kept));
            assertFalse(f.blobExists(gone));
            assertEquals(1, inlineCount(f));
        }
    }

    @Test
    void aRolledBackPublishLeavesNoInlineBlob() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true), INLINE_MAX)) {
            f.publish("acme", "app", "1.0.0", "x", "first");
            PipelineResult conflict = f.publishResult("acme", "app", "1.0.0", "x", "other bytes, same version");
            assertFalse(conflict instanceof PipelineResult.JsonBody json && json.status() == 201, "" + conflict);
            assertEquals(1, inlineCount(f), "the failed transaction's blob was never written");
            assertFalse(f.blobExists(BlobDigests.of(sha256Hex("other bytes, same version"))));
        }
    }

    private static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
