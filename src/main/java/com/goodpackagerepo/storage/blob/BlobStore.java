package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed blob storage. Blobs are addressed by their SHA-256 digest ("sha256:<64 hex>")
 * and stored once. PipelineWrites stream through a staging file and never hold a blob in memory.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into the store. The digest is computed while writing; the staged file is
     * synced and atomically moved into place (or discarded when the content is already stored).
     *
     * @param maxBytes       larger bodies fail with {@link BlobTooLargeException} and store nothing
     * @param minBytes       smaller bodies fail with {@link BlobTooSmallException} and store nothing
     * @param expectedDigest "sha256:<hex>" the client stated, or null; a mismatch fails with
     *                       {@link DigestMismatchException} and stores nothing
     */
    default BlobRef put(InputStream in, long maxBytes, long minBytes, String expectedDigest) throws IOException {
        try (BlobLease lease = putLeased(in, maxBytes, minBytes, expectedDigest)) {
            return lease.blob();
        }
    }

    /**
     * Like {@link #put}, but the stored blob stays protected from garbage collection until the returned lease
     * is closed: a publish closes it once its metadata transaction has ended.
     */
    BlobLease putLeased(InputStream in, long maxBytes, long minBytes, String expectedDigest) throws IOException;

    /** The stored blob for a digest ("sha256:<hex>" or bare hex), or empty. */
    Optional<BlobRef> stat(String digest) throws IOException;

    /**
     * The stored blob for a digest, to serve its bytes: like {@link #stat} (empty once the blob is gone), but a
     * store may answer with bytes it holds in memory.
     */
    default Optional<BlobRef> statForRead(String digest) throws IOException {
        return stat(digest);
    }

    /** Removes a stored blob; true when a file was removed. Used by garbage collection. */
    boolean delete(String digest) throws IOException;
}
