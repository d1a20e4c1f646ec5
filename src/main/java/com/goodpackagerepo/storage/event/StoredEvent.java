package com.goodpackagerepo.storage.event;

import com.fasterxml.jackson.databind.JsonNode;

/** One durable event of the append-only log; {@code seq} orders the log and is the paging cursor. */
public record StoredEvent(long seq, String eventId, String type, JsonNode payload, String at) {
}
