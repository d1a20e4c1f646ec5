package com.goodpackagerepo.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.List;

/**
 * One committed batch as a replica applies it: its position in the authoritative log, its writes in the order
 * they were made (preconditions already decided by the authority), and its events with the numbers, ids and
 * times the authority gave them. Applying the same batch twice leaves the same state.
 */
public record ReplicatedBatch(long seq, List<Write> writes, List<StoredEvent> events) {

    public ReplicatedBatch {
        writes = List.copyOf(writes);
        events = List.copyOf(events);
    }

    /** One write of a batch. */
    public sealed interface Write permits PutDocument, DeleteDocument, UpsertIndex, DeleteIndex {
    }

    public record PutDocument(String key, byte[] value) implements Write {
    }

    public record DeleteDocument(String key) implements Write {
    }

    public record UpsertIndex(IndexDefinition index, JsonNode row) implements Write {
    }

    public record DeleteIndex(IndexDefinition index, JsonNode row) implements Write {
    }
}
