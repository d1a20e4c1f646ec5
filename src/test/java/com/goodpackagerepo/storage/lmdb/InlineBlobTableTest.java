package com.goodpackagerepo.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.InlineBlobBatch;
import com.goodpackagerepo.storage.blob.InlineBlobs;
import com.goodpackagerepo.storage.blob.SweepResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "blobs" database: written with a batch, put-if-absent, listed in pages, swept with the reference index. */
class InlineBlobTableTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    private static void putBlob(LmdbMetadataStore store, String hex, String content, String referrer) {
        WriteBatch batch = store.newBatch();
        ((InlineBlobBatch) batch).putInlineBlob(hex, content.getBytes(UTF_8));
        if (referrer != null) {
            batch.putDocument(referrer, BlobReferenceIndexTest.meta("sha256:" + hex).getBytes(UTF_8),
                    WriteBatch.Precondition.NONE);
        }
        batch.commit();
    }

    @Test
    void storedWithTheBatchDeduplicatedAndDurable() throws Exception {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, BlobReferenceIndexTest.RULES)) {
            InlineBlobs blobs = store.inlineBlobs();
            assertTrue(blobs.get(A).isEmpty());
            assertEquals(-1, blobs.size(A));
            putBlob(store, A, "first", "artifact/ns/app/1/x");
            Instant first = blobs.get(A).orElseThrow().storedAt();
            Thread.sleep(5);
            putBlob(store, A, "first", "artifact/ns/app/2/x");
            assertEquals(first, blobs.get(A).orElseThrow().storedAt(), "the stored copy stays as it was");
            assertEquals(1L, store.stats().entriesByDb().get("blobs"));
            assertEquals(5, blobs.size("sha256:" + A));
            WriteBatch aborted = store.newBatch();
            ((InlineBlobBatch) aborted).putInlineBlob(B, "never".getBytes(UTF_8));
            aborted.abort();
            assertTrue(blobs.get(B).isEmpty());
        }
        try (LmdbMetadataStore reopened = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, BlobReferenceIndexTest.RULES)) {
            assertArrayEquals("first".getBytes(UTF_8), reopened.inlineBlobs().get(A).orElseThrow().bytes());
        }
    }

    @Test
    void sweepKeepsYoungAndReferencedAndDeletesTheRest() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, BlobReferenceIndexTest.RULES)) {
            InlineBlobs blobs = store.inlineBlobs();
            putBlob(store, A, "referenced", "artifact/ns/app/1/x");
            putBlob(store, B, "orphan", null);
            Instant later = Instant.now().plusSeconds(1);
            assertEquals(SweepResult.Outcome.YOUNG, blobs.sweep(B, Instant.EPOCH, false).outcome());
            assertEquals(SweepResult.Outcome.REFERENCED, blobs.sweep(A, later, false).outcome());
            assertEquals(new SweepResult(SweepResult.Outcome.WOULD_DELETE, 6), blobs.sweep(B, later, true));
            assertEquals(new SweepResult(SweepResult.Outcome.DELETED, 6), blobs.sweep(B, later, false));
            assertEquals(SweepResult.Outcome.GONE, blobs.sweep(B, later, false).outcome());
            BlobReferenceIndexTest.delete(store, "artifact/ns/app/1/x");
            assertEquals(SweepResult.Outcome.DELETED, blobs.sweep(A, later, false).outcome());
            assertEquals(0L, store.stats().entriesByDb().get("blobs"));
        }
    }

    @Test
    void forEachPagesThroughEveryBlob() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, BlobReferenceIndexTest.RULES)) {
            WriteBatch batch = store.newBatch();
            for (int i = 0; i < 600; i++) {
                ((InlineBlobBatch) batch).putInlineBlob(String.format("%064x", i), ("blob " + i).getBytes(UTF_8));
            }
            batch.commit();
            List<BlobRef> seen = new ArrayList<>();
            store.inlineBlobs().forEach(seen::add);
            assertEquals(600, seen.size());
            assertEquals("sha256:" + String.format("%064x", 599), seen.get(599).digest());
            assertEquals("blob 599".length(), seen.get(599).size());
            assertFalse(store.inlineBlobs().delete(A));
            assertTrue(store.inlineBlobs().delete(String.format("%064x", 7)));
        }
    }
}
