package com.goodpackagerepo.storage;

import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A local store fed by an authoritative log: batches are applied in log order and the position of the last one
 * applied is kept in the same local transaction, so it survives restarts and a batch is never half applied.
 */
public interface ReplicaStore {

    /** The seq of the last batch applied in order, or -1 when this store has never been a replica. */
    long replicaPosition();

    /**
     * Applies the batches (ascending seq, each above the current position) in one local transaction and moves
     * the position to the last one when {@code advance}; with {@code advance} false the writes land but the
     * position stays (a writer applying its own batch ahead of the tail).
     */
    void applyReplicated(List<ReplicatedBatch> batches, boolean advance);

    /** Empties documents, index rows, events and the position, ready for {@link #loadSnapshot}. */
    void clearReplica();

    /** Loads a chunk of a snapshot (documents, index rows, events) without touching the position. */
    void loadSnapshot(List<ReplicatedBatch.PutDocument> documents, List<IndexRow> rows, List<StoredEvent> events);

    /** Sets the position once a snapshot taken at {@code seq} is fully loaded. */
    void setReplicaPosition(long seq);

    record IndexRow(IndexDefinition index, JsonNode row) {
    }
}
