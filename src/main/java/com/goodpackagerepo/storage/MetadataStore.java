package com.goodpackagerepo.storage;

import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.index.IndexStore;
import com.goodpackagerepo.storage.kv.KvStore;

/** Documents, indexes and the event log in one store, written through atomic batches. */
public interface MetadataStore extends KvStore, IndexStore, EventLog, AutoCloseable {

    WriteBatch newBatch();

    /** Store statistics from the engine's own counters (never a scan). */
    StoreStats stats();

    @Override
    void close();
}
