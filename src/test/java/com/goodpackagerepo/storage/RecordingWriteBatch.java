package com.goodpackagerepo.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A write batch that records what it writes, as the cluster store's write-set does, and on commit adds the batch
 * (its writes and the events the store numbered) to a sink: the authority's side of a replication test.
 */
public final class RecordingWriteBatch implements WriteBatch {
    private final WriteBatch delegate;
    private final List<ReplicatedBatch> sink;
    private final List<ReplicatedBatch.Write> writes = new ArrayList<>();

    public RecordingWriteBatch(WriteBatch delegate, List<ReplicatedBatch> sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    /** {@code store} with every new batch recorded into {@code sink}. */
    public static MetadataStore recording(MetadataStore store, List<ReplicatedBatch> sink) {
        return (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("newBatch") && method.getParameterCount() == 0) {
                        return new RecordingWriteBatch(store.newBatch(), sink);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void putDocument(String key, byte[] value, Precondition precondition) {
        delegate.putDocument(key, value, precondition);
        writes.add(new ReplicatedBatch.PutDocument(key, value.clone()));
    }

    @Override
    public void deleteDocument(String key) {
        delegate.deleteDocument(key);
        writes.add(new ReplicatedBatch.DeleteDocument(key));
    }

    @Override
    public void check(String key, Precondition precondition) {
        delegate.check(key, precondition);
    }

    @Override
    public void upsertIndex(IndexDefinition index, JsonNode row) {
        delegate.upsertIndex(index, row);
        writes.add(new ReplicatedBatch.UpsertIndex(index, row.deepCopy()));
    }

    @Override
    public void deleteIndex(IndexDefinition index, JsonNode row) {
        delegate.deleteIndex(index, row);
        writes.add(new ReplicatedBatch.DeleteIndex(index, row.deepCopy()));
    }

    @Override
    public void appendEvent(String type, JsonNode payload) {
        delegate.appendEvent(type, payload);
    }

    @Override
    public Optional<byte[]> getDocument(String key) {
        return delegate.getDocument(key);
    }

    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }

    @Override
    public List<StoredEvent> commit() {
        List<StoredEvent> events = delegate.commit();
        sink.add(new ReplicatedBatch(sink.size() + 1, writes, events));
        return events;
    }

    @Override
    public void abort() {
        delegate.abort();
    }
}
