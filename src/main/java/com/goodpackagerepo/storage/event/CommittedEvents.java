package com.goodpackagerepo.storage.event;

import java.util.List;

/**
 * Fired (as a CDI event) right after a pipeline's writes committed, with the durable events they appended,
 * so in-memory state such as the blob cache follows the event log without polling it.
 */
public record CommittedEvents(List<StoredEvent> events) {
}
