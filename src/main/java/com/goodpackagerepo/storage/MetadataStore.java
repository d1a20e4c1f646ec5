package com.goodpackagerepo.storage;

import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.index.IndexStore;
import com.goodpackagerepo.storage.kv.KvStore;

/** Documents, indexes and the event log in one store, written through atomic batches. */
public interface MetadataStore extends KvStore, IndexStore, EventLog, AutoCloseable {

    WriteBatch newBatch();

    /** Writes a consistent copy of the whole store into an existing, empty directory while it keeps serving. */
    void copyTo(java.nio.file.Path emptyDir);

    /** Store statistics from the engine's own counters (never a scan). */
    StoreStats stats();

    @Override
    void close();
}
