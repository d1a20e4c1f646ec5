package com.goodpackagerepo.storage.blob;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small blobs kept in the metadata store itself (the single-node LMDB store's "blobs" database), keyed by their
 * SHA-256 hex. They are written only by the transaction of the publish that stores them ({@link InlineBlobBatch}),
 * so a small publish is one synced commit. Garbage collection decides each one in a single write transaction
 * together with the reverse reference index, so no publish can commit a reference between check and delete.
 */
public interface InlineBlobs {

    /** A stored inline blob: its bytes and when it was first stored. */
    record Stored(byte[] bytes, Instant storedAt) {
    }

    Optional<Stored> get(String hex);

    /** Size of a stored blob without copying it, or -1 when absent. */
    long size(String hex);

    /** Visits every inline blob (digest and size) in key order; blobs stored meanwhile may be missed. */
    void forEach(Consumer<BlobRef> action);

    /**
     * In one write transaction: keeps the blob when it is absent (GONE), stored at or after {@code cutoff} (YOUNG)
     * or referenced by a committed document (REFERENCED, the index read in the same transaction); else deletes it
     * (or with {@code dryRun} reports WOULD_DELETE).
     */
    SweepResult sweep(String hex, Instant cutoff, boolean dryRun);

    /** Removes the blob unconditionally; true when it was there. */
    boolean delete(String hex);
}
