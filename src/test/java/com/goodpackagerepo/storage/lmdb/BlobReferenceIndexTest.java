package com.goodpackagerepo.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reverse blob-reference index stays in step with the documents, and is rebuilt for existing stores. */
class BlobReferenceIndexTest {
    static final BlobReferences RULES = new BlobReferences(List.of(new BlobReferences.Source("artifact/", "blob_digest")));
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);

    @TempDir
    Path dir;

    static String meta(String digest) {
        return "{\"blob_digest\":\"" + digest + "\"}";
    }

    static void put(LmdbMetadataStore store, String key, String value) {
        WriteBatch batch = store.newBatch();
        batch.putDocument(key, value.getBytes(UTF_8), Precondition.NONE);
        batch.commit();
    }

    static void delete(LmdbMetadataStore store, String key) {
        WriteBatch batch = store.newBatch();
        batch.deleteDocument(key);
        batch.commit();
    }

    @Test
    void putReplaceAndDeleteMoveTheReferences() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, RULES)) {
            assertFalse(store.blobReferenced(A));
            put(store, "artifact/ns/app/1.0.0/x", meta(A));
            put(store, "artifact/ns/app/1.0.1/x", meta(A));
            assertTrue(store.blobReferenced(A));
            assertEquals(List.of("artifact/ns/app/1.0.0/x", "artifact/ns/app/1.0.1/x"), store.blobReferrers(A, 10));
            put(store, "artifact/ns/app/1.0.0/x", meta(B));
            assertEquals(List.of("artifact/ns/app/1.0.1/x"), store.blobReferrers(A, 10));
            assertTrue(store.blobReferenced(B));
            delete(store, "artifact/ns/app/1.0.1/x");
            assertFalse(store.blobReferenced(A), "last reference gone");
            delete(store, "artifact/ns/app/1.0.0/x");
            assertFalse(store.blobReferenced(B));
        }
    }

    @Test
    void documentsOutsideTheRulesReferenceNothing() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, RULES)) {
            put(store, "tombstone/artifact/ns/app/1.0.0/x", meta(A));
            put(store, "artifact/ns/app/1.0.0/x", "{\"blob_digest\":\"not a digest\"}");
            assertFalse(store.blobReferenced(A));
        }
    }

    @Test
    void aFailedBatchLeavesNoReference() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, RULES)) {
            put(store, "artifact/ns/app/1.0.0/x", meta(A));
            WriteBatch batch = store.newBatch();
            batch.putDocument("artifact/ns/app/2.0.0/x", meta(B).getBytes(UTF_8), Precondition.NONE);
            batch.check("artifact/ns/app/1.0.0/x", Precondition.IF_ABSENT);
            assertThrows(ConflictException.class, batch::commit);
            assertFalse(store.blobReferenced(B));
        }
    }

    @Test
    void longKeysAreIndexedByTheirStoredForm() {
        String key = "artifact/ns/" + "n".repeat(128) + "/" + "1".repeat(128) + "/" + "v".repeat(128) + "/" + "w".repeat(60);
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, RULES)) {
            put(store, key, meta(A));
            assertEquals(List.of(key), store.blobReferrers(A, 10));
            delete(store, key);
            assertFalse(store.blobReferenced(A));
        }
    }

    @Test
    void anExistingStoreIsIndexedOnceWhenOpenedWithRules() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20)) {
            WriteBatch batch = store.newBatch();
            for (int i = 0; i < RefIndexBuilder.CHUNK + 5; i++) {
                batch.putDocument("artifact/ns/app/1.0." + i + "/x", meta(i % 2 == 0 ? A : B).getBytes(UTF_8),
                        Precondition.NONE);
            }
            batch.commit();
            assertFalse(store.blobReferenced(A), "no rules, no references");
        }
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, RULES)) {
            assertTrue(store.blobReferenced(A));
            assertTrue(store.blobReferenced(B));
            assertEquals(3, store.blobReferrers(B, 3).size());
        }
    }

    @Test
    void changedRulesRebuildTheIndex() {
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20, RULES)) {
            put(store, "artifact/ns/app/1.0.0/x", "{\"blob_digest\":\"" + A + "\",\"other\":\"" + B + "\"}");
            assertFalse(store.blobReferenced(B));
            store.useBlobReferences(new BlobReferences(List.of(new BlobReferences.Source("artifact/", "other"))));
            assertTrue(store.blobReferenced(B));
            assertFalse(store.blobReferenced(A));
        }
    }
}
