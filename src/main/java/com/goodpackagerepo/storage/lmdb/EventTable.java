package com.goodpackagerepo.storage.lmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lmdbjava.Cursor;
import java.util.function.Supplier;
import org.lmdbjava.Dbi;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * The append-only event log in the "events" database: 8-byte big-endian sequence number (so byte order is
 * numeric order) → JSON {event_id, type, payload, at}. Sequence numbers start at 1 and have no gaps because
 * they are assigned inside the serialized write transaction from the current last key.
 */
final class EventTable {

    /** An event waiting for its batch to commit. */
    record Pending(String type, JsonNode payload) {
    }

    private final Supplier<Dbi<ByteBuffer>> events; // resolved per use: compaction reopens the environment

    EventTable(Supplier<Dbi<ByteBuffer>> events) {
        this.events = events;
    }

    List<StoredEvent> append(Txn<ByteBuffer> txn, List<Pending> pending) {
        long seq = lastSeq(txn);
        String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<StoredEvent> stored = new ArrayList<>(pending.size());
        for (Pending event : pending) {
            StoredEvent e = new StoredEvent(++seq, UUID.randomUUID().toString(), event.type(), event.payload(), at);
            LmdbBuffers.put(events.get(), txn, key(seq), encode(e), PutFlags.MDB_APPEND);
            stored.add(e);
        }
        return stored;
    }

    /** Stores an event under the number another store gave it (replication); the same event twice is one. */
    void put(Txn<ByteBuffer> txn, StoredEvent event) {
        LmdbBuffers.put(events.get(), txn, key(event.seq()), encode(event));
    }

    void clear(Txn<ByteBuffer> txn) {
        events.get().drop(txn);
    }

    List<StoredEvent> readAfter(Txn<ByteBuffer> txn, long afterSeq, int limit) {
        return PrefixScan.page(txn, events.get(), new byte[0], key(Math.max(0, afterSeq)), false, limit,
                (key, value) -> decode(ByteBuffer.wrap(key).getLong(), LmdbBuffers.copy(value))).items();
    }

    long length(Txn<ByteBuffer> txn) {
        return events.get().stat(txn).entries;
    }

    private long lastSeq(Txn<ByteBuffer> txn) {
        try (Cursor<ByteBuffer> cursor = events.get().openCursor(txn)) {
            return cursor.last() ? ByteBuffer.wrap(LmdbBuffers.copy(cursor.key())).getLong() : 0;
        }
    }

    private static byte[] key(long seq) {
        return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
    }

    private static byte[] encode(StoredEvent event) {
        ObjectNode json = StoredJson.object();
        json.put("event_id", event.eventId());
        json.put("type", event.type());
        json.set("payload", event.payload());
        json.put("at", event.at());
        return StoredJson.bytes(json);
    }

    private static StoredEvent decode(long seq, byte[] value) {
        JsonNode json = StoredJson.tree(value);
        return new StoredEvent(seq, json.path("event_id").asText(), json.path("type").asText(), json.get("payload"),
                json.path("at").asText());
    }
}
