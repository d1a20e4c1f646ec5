package com.goodpackagerepo.storage.lmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.blob.InlineBlobBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.lmdbjava.Txn;

/**
 * Collects writes in memory and applies them in one short write transaction at {@link #commit()}, so a
 * pipeline never holds LMDB's single writer lock while it computes. Keys and rows are encoded when an operation
 * is added, so bad input fails at the call, not at commit. Operations apply in the order they were added, each
 * precondition checked against the value at that point of the transaction; the first failure aborts all.
 * Single-use and confined to one thread.
 */
final class LmdbWriteBatch implements WriteBatch, InlineBlobBatch {

    private final LmdbEnvironment env;
    private final DocumentTable docs;
    private final IndexTable index;
    private final EventTable events;
    private final RefTable refs;
    private final InlineBlobTable blobs;
    private final List<Consumer<Txn<ByteBuffer>>> ops = new ArrayList<>();
    private final Map<String, Optional<byte[]>> pendingDocs = new HashMap<>();
    private final List<EventTable.Pending> pendingEvents = new ArrayList<>();
    private boolean finished;

    LmdbWriteBatch(LmdbEnvironment env, DocumentTable docs, IndexTable index, EventTable events, RefTable refs,
                   InlineBlobTable blobs) {
        this.env = env;
        this.docs = docs;
        this.index = index;
        this.events = events;
        this.refs = refs;
        this.blobs = blobs;
    }

    @Override
    public void putDocument(String key, byte[] value, Precondition precondition) {
        ensureOpen();
        byte[] stored = DocumentTable.storedKey(key);
        byte[] copy = value.clone();
        Objects.requireNonNull(precondition, "precondition");
        ops.add(txn -> {
            byte[] existing = docs.getStored(txn, stored);
            if (!precondition.allows(existing)) {
                throw new ConflictException(key);
            }
            docs.put(txn, stored, key, copy);
            refs.replace(txn, key, stored, existing, copy);
        });
        pendingDocs.put(key, Optional.of(copy));
    }

    @Override
    public void deleteDocument(String key) {
        ensureOpen();
        byte[] stored = DocumentTable.storedKey(key);
        ops.add(txn -> {
            byte[] existing = docs.getStored(txn, stored);
            if (existing != null) {
                docs.delete(txn, stored);
                refs.replace(txn, key, stored, existing, null);
            }
        });
        pendingDocs.put(key, Optional.empty());
    }

    @Override
    public void check(String key, Precondition precondition) {
        ensureOpen();
        byte[] stored = DocumentTable.storedKey(key);
        Objects.requireNonNull(precondition, "precondition");
        ops.add(txn -> {
            if (!precondition.allows(docs.getStored(txn, stored))) {
                throw new ConflictException(key);
            }
        });
    }

    @Override
    public void upsertIndex(IndexDefinition definition, JsonNode row) {
        ensureOpen();
        IndexKeyEncoder.RowKeys keys = IndexKeyEncoder.rowKeys(definition, row);
        byte[] json = StoredJson.bytes(row);
        ops.add(txn -> index.upsert(txn, keys, json));
    }

    @Override
    public void deleteIndex(IndexDefinition definition, JsonNode row) {
        ensureOpen();
        byte[] identityKey = IndexKeyEncoder.identityKey(definition, row);
        ops.add(txn -> index.delete(txn, identityKey));
    }

    @Override
    public void appendEvent(String type, JsonNode payload) {
        ensureOpen();
        Objects.requireNonNull(type, "type");
        pendingEvents.add(new EventTable.Pending(type, payload == null ? NullNode.getInstance() : payload.deepCopy()));
    }

    /** Put-if-absent in the commit transaction: a sweep can never see the batch's references without the blob. */
    @Override
    public void putInlineBlob(String hex, byte[] bytes) {
        ensureOpen();
        byte[] key = InlineBlobTable.encodeKey(hex);
        byte[] copy = bytes.clone();
        ops.add(txn -> blobs.putIfAbsent(txn, key, copy, System.currentTimeMillis()));
    }

    @Override
    public Optional<byte[]> getDocument(String key) {
        ensureOpen();
        Optional<byte[]> pending = pendingDocs.get(key);
        if (pending != null) {
            return pending.map(byte[]::clone);
        }
        return env.read(txn -> docs.get(txn, key));
    }

    @Override
    public boolean isEmpty() {
        return ops.isEmpty() && pendingEvents.isEmpty();
    }

    @Override
    public List<StoredEvent> commit() {
        ensureOpen();
        finished = true;
        if (isEmpty()) {
            return List.of();
        }
        return env.writeGrouped(txn -> {
            ops.forEach(op -> op.accept(txn));
            return events.append(txn, pendingEvents);
        });
    }

    /** Drops everything; safe to call at any time, also after commit. */
    @Override
    public void abort() {
        finished = true;
        ops.clear();
        pendingDocs.clear();
        pendingEvents.clear();
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("this write batch was already committed or aborted");
        }
    }
}
