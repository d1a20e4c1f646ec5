package com.goodpackagerepo.storage;

import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.index.IndexStore;
import com.goodpackagerepo.storage.kv.KvStore;

/** Documents, indexes and the event log in one store, written through atomic batches. */
public interface MetadataStore extends KvStore, IndexStore, EventLog, AutoCloseable {

    WriteBatch newBatch();

    /** PipelineWrites a consistent copy of the whole store into an existing, empty directory while it keeps serving. */
    void copyTo(java.nio.file.Path emptyDir);

    /** Rewrites the store without its free space while reads go on; writes wait until it is done. */
    Compaction compact();

    /**
     * True when a committed document references the blob ("sha256:&lt;hex&gt;" or hex), by the rules the store
     * was opened with; also true while the reverse index is being rebuilt. One seek, never a scan.
     */
    boolean blobReferenced(String digest);

    /** Up to {@code limit} keys of the documents referencing a blob. */
    java.util.List<String> blobReferrers(String digest, int limit);

    /** Switches to other blob-reference rules, rebuilding the reverse index (streaming) when they differ. */
    void useBlobReferences(BlobReferences blobReferences);

    /** Store statistics from the engine's own counters (never a scan). */
    StoreStats stats();

    @Override
    void close();
}
