package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch an apply pipeline writes into: it records the writes, in order, for the replica to apply in its own
 * LMDB transaction. Preconditions are dropped (the authority decided them when it committed the event); an apply
 * pipeline appends no event (the replica stores the authority's); reads see only this batch's own writes, so the
 * result depends on the events alone.
 */
final class ReplicaWriteBatch implements WriteBatch {
    private final List<ReplicatedBatch.Write> writes = new ArrayList<>();
    /** The batch's pending value per key; a null value is a pending delete. */
    private final Map<String, byte[]> pending = new HashMap<>();

    List<ReplicatedBatch.Write> writes() {
        return List.copyOf(writes);
    }

    @Override
    public void putDocument(String key, byte[] value, Precondition precondition) {
        writes.add(new ReplicatedBatch.PutDocument(key, value.clone()));
        pending.put(key, value);
    }

    @Override
    public void deleteDocument(String key) {
        writes.add(new ReplicatedBatch.DeleteDocument(key));
        pending.put(key, null);
    }

    @Override
    public void check(String key, Precondition precondition) {
        // decided by the authority at its commit
    }

    @Override
    public void upsertIndex(IndexDefinition index, JsonNode row) {
        writes.add(new ReplicatedBatch.UpsertIndex(index, row.deepCopy()));
    }

    @Override
    public void deleteIndex(IndexDefinition index, JsonNode row) {
        writes.add(new ReplicatedBatch.DeleteIndex(index, row.deepCopy()));
    }

    @Override
    public void appendEvent(String type, JsonNode payload) {
        throw new DomainException(ErrorCode.INTERNAL_ERROR, "an apply pipeline appends no event (" + type + ")");
    }

    @Override
    public Optional<byte[]> getDocument(String key) {
        return Optional.ofNullable(pending.get(key));
    }

    @Override
    public boolean isEmpty() {
        return writes.isEmpty();
    }

    @Override
    public List<StoredEvent> commit() {
        throw new IllegalStateException("the replica commits an apply pipeline's writes with its log position");
    }

    @Override
    public void abort() {
        writes.clear();
        pending.clear();
    }

    /** The open "transaction" of an apply pipeline: its batch; the replica's LMDB transaction is the real one. */
    static final class Boundary implements Transaction {
        private final ReplicaWriteBatch batch;

        Boundary(ReplicaWriteBatch batch) {
            this.batch = batch;
        }

        @Override
        public WriteBatch batch() {
            return batch;
        }

        @Override
        public void commit() {
            // the writes commit with the replica's position, after every event of the log entry
        }

        @Override
        public void rollback() {
            // nothing was written anywhere yet
        }
    }
}
