package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/** Rows of every secondary index in the "idx" database, laid out by {@link IndexKeyEncoder}. */
final class IndexTable {

    private final Supplier<Dbi<ByteBuffer>> idx; // resolved per use: compaction reopens the environment

    IndexTable(Supplier<Dbi<ByteBuffer>> idx) {
        this.idx = idx;
    }

    /** Stores a row, first removing the row of the same identity wherever its sort value put it. */
    void upsert(Txn<ByteBuffer> txn, IndexKeyEncoder.RowKeys keys, byte[] json) {
        delete(txn, keys.identityKey());
        LmdbBuffers.put(idx.get(), txn, keys.key(IndexKeyEncoder.ALL), json);
        if (keys.release()) {
            LmdbBuffers.put(idx.get(), txn, keys.key(IndexKeyEncoder.RELEASES), json);
        }
        LmdbBuffers.put(idx.get(), txn, keys.identityKey(), keys.body());
    }

    /** Removes the row of an identity, if any. */
    void delete(Txn<ByteBuffer> txn, byte[] identityKey) {
        byte[] body = LmdbBuffers.get(idx.get(), txn, identityKey);
        if (body != null) {
            LmdbBuffers.delete(idx.get(), txn, KeyCodec.concat(new byte[] {IndexKeyEncoder.ALL}, body));
            LmdbBuffers.delete(idx.get(), txn, KeyCodec.concat(new byte[] {IndexKeyEncoder.RELEASES}, body));
            LmdbBuffers.delete(idx.get(), txn, identityKey);
        }
    }

    void clear(Txn<ByteBuffer> txn) {
        idx.get().drop(txn);
    }

    /** One page in index order (greatest first for descending indexes); a seek plus at most limit + 1 reads. */
    IndexPage query(Txn<ByteBuffer> txn, IndexDefinition index, IndexQuery query) {
        byte[] prefix = IndexKeyEncoder.queryPrefix(index, query);
        byte[] after = query.cursor() == null ? null : KeyCodec.decodeCursor(query.cursor(), prefix);
        PrefixScan.Page<byte[]> page = PrefixScan.page(txn, idx.get(), prefix, after, index.descending(), query.limit(),
                (key, value) -> LmdbBuffers.copy(value));
        return new IndexPage(page.items().stream().map(StoredJson::tree).toList(), page.nextCursor());
    }
}
