package com.goodpackagerepo.storage;

import com.goodpackagerepo.storage.event.StoredEvent;
import java.util.List;
import java.util.Optional;

/**
 * Turns a replicated batch's events back into writes on a replica, by the schema's replication apply pipelines
 * (implemented above the storage layer, which only sees this interface).
 */
public interface ReplicaApplier {

    /**
     * The writes that applying {@code events} in order produces, or empty when one of them has no apply pipeline
     * or its pipeline failed (the replica then applies the authority's write-set). Produces no events and reads
     * nothing but the events: the same events always give the same writes.
     */
    Optional<List<ReplicatedBatch.Write>> writesOf(List<StoredEvent> events);
}
