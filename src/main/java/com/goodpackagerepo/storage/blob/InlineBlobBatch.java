package com.goodpackagerepo.storage.blob;

/**
 * A metadata write batch that can carry a small blob: the blob is stored (when not stored yet: content-addressed,
 * deduplicated) in the same transaction, and so the same sync, as the batch's documents and events.
 */
public interface InlineBlobBatch {

    /** Stores {@code bytes} under {@code hex} at commit unless a blob of that digest is already stored. */
    void putInlineBlob(String hex, byte[] bytes);
}
