package com.goodpackagerepo.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.StoreFullException;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.List;
import java.util.Optional;

/**
 * PipelineWrites collected during a pipeline transaction and applied atomically in one short LMDB write
 * transaction by {@link #commit()}. Nothing is visible to readers before commit; {@link #abort()} drops it.
 * Reads through {@link #getDocument} see this batch's own writes first.
 */
public interface WriteBatch {

    /** Checked atomically at commit against the stored value (null when absent). */
    @FunctionalInterface
    interface Precondition {
        boolean allows(byte[] existing);

        Precondition NONE = existing -> true;
        Precondition IF_ABSENT = existing -> existing == null;
    }

    void putDocument(String key, byte[] value, Precondition precondition);

    void deleteDocument(String key);

    /** Fails the commit with {@link ConflictException} unless {@code precondition} allows the value of another key then. */
    void check(String key, Precondition precondition);

    void upsertIndex(IndexDefinition index, JsonNode row);

    void deleteIndex(IndexDefinition index, JsonNode row);

    /** Appends an event; the event id, sequence number and timestamp are assigned at commit. */
    void appendEvent(String type, JsonNode payload);

    /** The batch's own pending value for a key, else the committed value. */
    Optional<byte[]> getDocument(String key);

    /**
     * {@link #getDocument} for a read that only decides an early refusal which a precondition of this batch on the
     * same key decides again at commit. A store whose local copy may be behind its authority (a cluster replica)
     * answers it from that copy without confirming a miss: the commit's precondition is the confirmation.
     */
    default Optional<byte[]> peekDocument(String key) {
        return getDocument(key);
    }

    boolean isEmpty();

    /**
     * Applies everything atomically and returns once it is durable (synced). Concurrent commits may share
     * one transaction and one sync (group commit); each batch is still all-or-nothing on its own, and another
     * batch's failure never affects it.
     *
     * @throws ConflictException   a precondition failed; nothing was applied
     * @throws StoreFullException  the store is out of space; nothing was applied
     */
    List<com.goodpackagerepo.storage.event.StoredEvent> commit();

    void abort();
}
