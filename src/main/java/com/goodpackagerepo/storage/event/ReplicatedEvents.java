package com.goodpackagerepo.storage.event;

import java.util.List;

/**
 * Fired (as a CDI event) in cluster mode after this node's replica applied log entries written by other nodes,
 * with the events those entries carried, so in-memory state kept beside the replica (the response cache, the blob
 * cache index) follows what other nodes did, at the moment the replica does. Never fired in single mode; this
 * node's own writes are announced as {@link CommittedEvents} instead (an own entry the tail happens to apply may
 * appear here as well, so observers must treat an event seen twice as seen once).
 */
public record ReplicatedEvents(List<StoredEvent> events) {
}
