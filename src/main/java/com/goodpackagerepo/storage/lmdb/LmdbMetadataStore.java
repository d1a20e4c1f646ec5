package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.ReplicaStore;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.kv.KeyPage;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lmdbjava.Txn;

/**
 * The metadata store on one LMDB environment (one directory) with four named databases:
 * <ul>
 *   <li>"docs": document key (UTF-8) → document bytes ({@link DocumentTable})</li>
 *   <li>"idx": the rows of every secondary index ({@link IndexKeyEncoder} describes the layout)</li>
 *   <li>"events": 8-byte big-endian sequence → event JSON ({@link EventTable})</li>
 *   <li>"meta": the layout version and the full names of shortened document keys</li>
 *   <li>"refs": blob digest → documents referencing it, kept in step with "docs" ({@link RefTable})</li>
 *   <li>"blobs": small blobs committed with their publish ({@link InlineBlobTable})</li>
 * </ul>
 * LMDB keys are limited to 511 bytes: a document or index key longer than 400 bytes is stored as its first
 * 400 bytes, '#' and the SHA-256 hex of the whole key ({@link KeyCodec}), deterministic and collision-free.
 *
 * <p>Reads are each one short read transaction; writes go through {@link #newBatch()}. The map starts at
 * {@code initialMapSize} and doubles on demand up to {@code maxMapSize} ({@link LmdbEnvironment}). Thread-safe;
 * open one instance per directory per process and close it on shutdown.
 */
public final class LmdbMetadataStore implements MetadataStore, ReplicaStore {

    private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORMAT = {1};
    private static final byte[] POSITION_KEY = "replica.position".getBytes(StandardCharsets.US_ASCII);

    private final LmdbEnvironment env;
    private final DocumentTable docs;
    private final IndexTable index;
    private final EventTable events;
    private final RefTable refs;
    private final InlineBlobTable blobs;

    /** Opens the store with no blob-reference rules (nothing counts as a blob reference). */
    public LmdbMetadataStore(Path dir, long initialMapSize, long maxMapSize) {
        this(dir, initialMapSize, maxMapSize, BlobReferences.none());
    }

    /**
     * Opens (creating if needed) the store in {@code dir}.
     *
     * @param initialMapSize map size of a new environment, in bytes (an existing larger file keeps its size)
     * @param maxMapSize     growth limit; beyond it writes fail with {@link com.goodpackagerepo.error.StoreFullException}
     * @param blobReferences which documents reference blobs; when they differ from the rules the reverse index
     *                       was built with (or it was never built), it is rebuilt here by streaming the documents
     * @throws IllegalStateException when the directory holds a store of another layout version
     */
    public LmdbMetadataStore(Path dir, long initialMapSize, long maxMapSize, BlobReferences blobReferences) {
        env = new LmdbEnvironment(dir, initialMapSize, maxMapSize, List.of("docs", "idx", "events", "meta", "refs", "blobs"));
        try {
            docs = new DocumentTable(env.dbiRef("docs"), env.dbiRef("meta"));
            index = new IndexTable(env.dbiRef("idx"));
            events = new EventTable(env.dbiRef("events"));
            refs = new RefTable(env.dbiRef("refs"), blobReferences);
            blobs = new InlineBlobTable(env, env.dbiRef("blobs"), refs);
            env.write(this::checkFormat);
            if (!env.read(refs::complete)) {
                RefIndexBuilder.rebuild(env, docs, refs, blobReferences);
            }
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private Void checkFormat(Txn<ByteBuffer> txn) {
        byte[] format = LmdbBuffers.get(env.dbi("meta"), txn, FORMAT_KEY);
        if (format == null) {
            LmdbBuffers.put(env.dbi("meta"), txn, FORMAT_KEY, FORMAT);
        } else if (!Arrays.equals(format, FORMAT)) {
            throw new IllegalStateException("the metadata store has an unknown layout version " + Arrays.toString(format));
        }
        return null;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return env.read(txn -> docs.get(txn, key));
    }

    /** @throws IllegalArgumentException for a malformed cursor or a limit below 1 */
    @Override
    public KeyPage keys(String prefix, String cursor, int limit) {
        return env.read(txn -> docs.keys(txn, prefix, cursor, limit));
    }

    /** @throws IllegalArgumentException for a malformed cursor, a limit below 1 or a wrong number of key values */
    @Override
    public IndexPage query(IndexDefinition definition, IndexQuery query) {
        return env.read(txn -> index.query(txn, definition, query));
    }

    @Override
    public List<StoredEvent> readAfter(long afterSeq, int limit) {
        return env.read(txn -> events.readAfter(txn, afterSeq, limit));
    }

    @Override
    public long length() {
        return env.read(events::length);
    }

    /** Group commits so far, the batches they held, and the batches waiting now (for tests and diagnostics). */
    long[] groupCommitCounts() {
        return env.groupCommitCounts();
    }

    @Override
    public WriteBatch newBatch() {
        return new LmdbWriteBatch(env, docs, index, events, refs, blobs);
    }

    /** The small blobs publishes commit into this store (single-node only: a cluster replica never holds any). */
    public com.goodpackagerepo.storage.blob.InlineBlobs inlineBlobs() {
        return blobs;
    }

    @Override
    public boolean blobReferenced(String digest) {
        String hex = BlobDigests.hex(digest);
        return env.read(txn -> refs.referenced(txn, hex));
    }

    @Override
    public List<String> blobReferrers(String digest, int limit) {
        String hex = BlobDigests.hex(digest);
        return env.read(txn -> refs.referrers(txn, hex, limit));
    }

    @Override
    public synchronized void useBlobReferences(BlobReferences blobReferences) {
        if (!blobReferences.spec().equals(refs.rules().spec()) || !env.read(refs::complete)) {
            RefIndexBuilder.rebuild(env, docs, refs, blobReferences);
        }
    }

    /**
     * A stable text naming the row of {@code row}'s identity in {@code definition} (the SHA-256 hex of its
     * identity key), for stores that keep index rows elsewhere under the same identity rules.
     */
    public static String indexIdentity(IndexDefinition definition, JsonNode row) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(IndexKeyEncoder.identityKey(definition, row)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long replicaPosition() {
        return env.read(this::position);
    }

    private long position(Txn<ByteBuffer> txn) {
        byte[] value = LmdbBuffers.get(env.dbi("meta"), txn, POSITION_KEY);
        return value == null ? -1 : ByteBuffer.wrap(value).getLong();
    }

    private void setPosition(Txn<ByteBuffer> txn, long seq) {
        LmdbBuffers.put(env.dbi("meta"), txn, POSITION_KEY, ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
    }

    @Override
    public void applyReplicated(List<ReplicatedBatch> batches, boolean advance) {
        if (batches.isEmpty()) {
            return;
        }
        env.write(txn -> {
            long position = position(txn);
            for (ReplicatedBatch batch : batches) {
                if (advance && batch.seq() <= position) {
                    continue; // applied before (at-least-once delivery)
                }
                batch.writes().forEach(write -> apply(txn, write));
                batch.events().forEach(event -> events.put(txn, event));
                if (advance) {
                    position = batch.seq();
                }
            }
            if (advance) {
                setPosition(txn, position);
            }
            return null;
        });
    }

    private void apply(Txn<ByteBuffer> txn, ReplicatedBatch.Write write) {
        if (write instanceof ReplicatedBatch.PutDocument put) {
            byte[] stored = DocumentTable.storedKey(put.key());
            byte[] existing = docs.getStored(txn, stored);
            docs.put(txn, stored, put.key(), put.value());
            refs.replace(txn, put.key(), stored, existing, put.value());
        } else if (write instanceof ReplicatedBatch.DeleteDocument delete) {
            byte[] stored = DocumentTable.storedKey(delete.key());
            byte[] existing = docs.getStored(txn, stored);
            if (existing != null) {
                docs.delete(txn, stored);
                refs.replace(txn, delete.key(), stored, existing, null);
            }
        } else if (write instanceof ReplicatedBatch.UpsertIndex upsert) {
            index.upsert(txn, IndexKeyEncoder.rowKeys(upsert.index(), upsert.row()), StoredJson.bytes(upsert.row()));
        } else if (write instanceof ReplicatedBatch.DeleteIndex delete) {
            index.delete(txn, IndexKeyEncoder.identityKey(delete.index(), delete.row()));
        }
    }

    @Override
    public void clearReplica() {
        env.write(txn -> {
            docs.clear(txn);
            index.clear(txn);
            events.clear(txn);
            refs.reset(txn, refs.rules());
            refs.markComplete(txn);
            LmdbBuffers.delete(env.dbi("meta"), txn, POSITION_KEY);
            return null;
        });
    }

    @Override
    public void loadSnapshot(List<ReplicatedBatch.PutDocument> documents, List<IndexRow> rows, List<StoredEvent> eventList) {
        env.write(txn -> {
            documents.forEach(doc -> apply(txn, doc));
            rows.forEach(row -> apply(txn, new ReplicatedBatch.UpsertIndex(row.index(), row.row())));
            eventList.forEach(event -> events.put(txn, event));
            return null;
        });
    }

    @Override
    public void setReplicaPosition(long seq) {
        env.write(txn -> {
            setPosition(txn, seq);
            return null;
        });
    }

    @Override
    public void copyTo(Path emptyDir) {
        env.copyTo(emptyDir);
    }

    @Override
    public com.goodpackagerepo.storage.Compaction compact() {
        return env.compact();
    }

    @Override
    public StoreStats stats() {
        return env.stats();
    }

    @Override
    public void close() {
        env.close();
    }
}
