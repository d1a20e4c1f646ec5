package com.goodpackagerepo.storage.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A batch of the cluster store. Writes collect in memory; {@link #commit()} runs them in a PostgreSQL transaction
 * shared with the concurrent batches of this node ({@link PgGroupCommit}: each under its own savepoint) —
 * preconditions decided by the database (a row lock on the existing document, an insert that does nothing on a
 * unique conflict), blob references kept, the counter row taken last so groups commit in the order of their
 * numbers — and the group is applied to this node's LMDB before it returns (read-your-writes here; other nodes get
 * it from the log). Single-use and confined to one thread.
 */
final class ClusterWriteBatch implements WriteBatch {
    private record Step(ReplicatedBatch.Write write, Precondition precondition, String checkKey) {
    }

    private final ClusterMetadataStore store;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Optional<byte[]>> pendingDocs = new HashMap<>();
    private final List<PgGroupCommit.PendingEvent> pendingEvents = new ArrayList<>();
    private boolean finished;

    ClusterWriteBatch(ClusterMetadataStore store) {
        this.store = store;
    }

    @Override
    public void putDocument(String key, byte[] value, Precondition precondition) {
        ensureOpen();
        requireKey(key);
        Objects.requireNonNull(precondition, "precondition");
        byte[] copy = value.clone();
        steps.add(new Step(new ReplicatedBatch.PutDocument(key, copy), precondition, null));
        pendingDocs.put(key, Optional.of(copy));
    }

    @Override
    public void deleteDocument(String key) {
        ensureOpen();
        requireKey(key);
        steps.add(new Step(new ReplicatedBatch.DeleteDocument(key), Precondition.NONE, null));
        pendingDocs.put(key, Optional.empty());
    }

    @Override
    public void check(String key, Precondition precondition) {
        ensureOpen();
        requireKey(key);
        steps.add(new Step(null, Objects.requireNonNull(precondition, "precondition"), key));
    }

    @Override
    public void upsertIndex(IndexDefinition index, JsonNode row) {
        ensureOpen();
        LmdbMetadataStore.indexIdentity(index, row); // bad rows fail here, not at commit
        steps.add(new Step(new ReplicatedBatch.UpsertIndex(index, row.deepCopy()), Precondition.NONE, null));
    }

    @Override
    public void deleteIndex(IndexDefinition index, JsonNode row) {
        ensureOpen();
        LmdbMetadataStore.indexIdentity(index, row);
        steps.add(new Step(new ReplicatedBatch.DeleteIndex(index, row.deepCopy()), Precondition.NONE, null));
    }

    @Override
    public void appendEvent(String type, JsonNode payload) {
        ensureOpen();
        Objects.requireNonNull(type, "type");
        pendingEvents.add(new PgGroupCommit.PendingEvent(type,
                payload == null ? NullNode.getInstance() : payload.deepCopy()));
    }

    @Override
    public Optional<byte[]> getDocument(String key) {
        return pendingOr(key, store::get);
    }

    /** The pending value, else this node's replica alone: the commit's precondition re-decides in PostgreSQL. */
    @Override
    public Optional<byte[]> peekDocument(String key) {
        return pendingOr(key, store::getLocal);
    }

    /** This batch's own pending write of the key (a copy), else what {@code stored} reads. */
    private Optional<byte[]> pendingOr(String key, Function<String, Optional<byte[]>> stored) {
        ensureOpen();
        Optional<byte[]> pending = pendingDocs.get(key);
        return pending != null ? pending.map(byte[]::clone) : stored.apply(key);
    }

    @Override
    public boolean isEmpty() {
        return steps.isEmpty() && pendingEvents.isEmpty();
    }

    @Override
    public List<StoredEvent> commit() {
        ensureOpen();
        finished = true;
        if (isEmpty()) {
            return List.of();
        }
        List<ReplicatedBatch.Write> writes = steps.stream().map(Step::write).filter(Objects::nonNull).toList();
        List<PgGroupCommit.PendingEvent> events = List.copyOf(pendingEvents);
        return store.commitGrouped(group -> {
            writeRows(group.sql());
            return group.add(writes, events);
        }).events();
    }

    /** This batch's rows and preconditions; numbering and the log entry are the group's (PgGroupCommit). */
    private void writeRows(PgStatements sql) throws SQLException {
        for (Step step : steps) {
            if (step.write() == null) {
                if (!step.precondition().allows(sql.lockDocument(step.checkKey(), true))) {
                    throw new ConflictException(step.checkKey());
                }
            } else if (step.write() instanceof ReplicatedBatch.PutDocument put) {
                putDocument(sql, put, step.precondition());
            } else if (step.write() instanceof ReplicatedBatch.DeleteDocument delete) {
                sql.deleteDocument(delete.key());
                sql.replaceBlobRefs(delete.key(), store.blobReferenceRules().digests(delete.key(), null),
                        store.blobReferenceRules().covers(delete.key()));
            } else if (step.write() instanceof ReplicatedBatch.UpsertIndex upsert) {
                sql.upsertIndexRow(upsert.index(), LmdbMetadataStore.indexIdentity(upsert.index(), upsert.row()),
                        WriteSetCodec.bytes(upsert.row()));
            } else if (step.write() instanceof ReplicatedBatch.DeleteIndex delete) {
                sql.deleteIndexRow(delete.index(), LmdbMetadataStore.indexIdentity(delete.index(), delete.row()));
            }
        }
    }

    private void putDocument(PgStatements sql, ReplicatedBatch.PutDocument put, Precondition precondition)
            throws SQLException {
        if (precondition == Precondition.IF_ABSENT) {
            if (!sql.insertDocumentIfAbsent(put.key(), put.value())) {
                throw new ConflictException(put.key());
            }
        } else {
            byte[] existing = sql.lockDocument(put.key(), false);
            if (!precondition.allows(existing)) {
                throw new ConflictException(put.key());
            }
            if (existing == null) {
                if (!sql.insertDocumentIfAbsent(put.key(), put.value())) {
                    throw new ConflictException(put.key()); // another batch created it since we looked
                }
            } else {
                sql.updateDocument(put.key(), put.value());
            }
        }
        sql.replaceBlobRefs(put.key(), store.blobReferenceRules().digests(put.key(), put.value()),
                store.blobReferenceRules().covers(put.key()));
    }

    @Override
    public void abort() {
        finished = true;
        steps.clear();
        pendingDocs.clear();
        pendingEvents.clear();
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("this write batch was already committed or aborted");
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("document key is empty");
        }
    }
}
