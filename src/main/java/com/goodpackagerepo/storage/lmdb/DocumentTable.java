package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.kv.KeyPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.lmdbjava.Cursor;
import java.util.function.Supplier;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * Documents in the "docs" database under their UTF-8 key, shortened by {@link KeyCodec#fitKey} when long.
 * The full name of a shortened key is kept in "meta" (under 0x01 + stored key) so that listings can return it.
 */
final class DocumentTable {

    private static final byte[] LONG_NAME = {0x01};

    private final Supplier<Dbi<ByteBuffer>> docs; // resolved per use: compaction reopens the environment
    private final Supplier<Dbi<ByteBuffer>> meta; // resolved per use: compaction reopens the environment

    DocumentTable(Supplier<Dbi<ByteBuffer>> docs, Supplier<Dbi<ByteBuffer>> meta) {
        this.docs = docs;
        this.meta = meta;
    }

    /** The LMDB key of a document. */
    static byte[] storedKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("document key is empty");
        }
        return KeyCodec.fitKey(KeyCodec.utf8(key));
    }

    Optional<byte[]> get(Txn<ByteBuffer> txn, String key) {
        return Optional.ofNullable(getStored(txn, storedKey(key)));
    }

    byte[] getStored(Txn<ByteBuffer> txn, byte[] storedKey) {
        return LmdbBuffers.get(docs.get(), txn, storedKey);
    }

    void put(Txn<ByteBuffer> txn, byte[] storedKey, String key, byte[] value) {
        LmdbBuffers.put(docs.get(), txn, storedKey, value);
        if (KeyCodec.isShortened(storedKey)) {
            LmdbBuffers.put(meta.get(), txn, KeyCodec.concat(LONG_NAME, storedKey), KeyCodec.utf8(key));
        }
    }

    void delete(Txn<ByteBuffer> txn, byte[] storedKey) {
        LmdbBuffers.delete(docs.get(), txn, storedKey);
        if (KeyCodec.isShortened(storedKey)) {
            LmdbBuffers.delete(meta.get(), txn, KeyCodec.concat(LONG_NAME, storedKey));
        }
    }

    /** Empties the documents (and, with them, the names of shortened keys). */
    void clear(Txn<ByteBuffer> txn) {
        docs.get().drop(txn);
        try (org.lmdbjava.Cursor<ByteBuffer> cursor = meta.get().openCursor(txn)) {
            boolean found = cursor.get(LmdbBuffers.direct(LONG_NAME), GetOp.MDB_SET_RANGE);
            while (found && cursor.key().remaining() > 0 && cursor.key().get(cursor.key().position()) == LONG_NAME[0]) {
                cursor.delete();
                found = cursor.get(LmdbBuffers.direct(LONG_NAME), GetOp.MDB_SET_RANGE);
            }
        }
    }

    /**
     * Keys starting with {@code prefix} in stored-key order. A prefix longer than the raw-key limit can only
     * match shortened keys; those are scanned by their stored 400-byte head and filtered by full name.
     */
    KeyPage keys(Txn<ByteBuffer> txn, String prefix, String cursor, int limit) {
        byte[] full = KeyCodec.utf8(prefix);
        byte[] scanPrefix = Arrays.copyOf(full, Math.min(full.length, KeyCodec.MAX_RAW_KEY));
        byte[] after = cursor == null ? null : KeyCodec.decodeCursor(cursor, scanPrefix);
        PrefixScan.Page<String> page = PrefixScan.page(txn, docs.get(), scanPrefix, after, false, limit, (key, value) -> {
            String name = nameOf(txn, key);
            return name.startsWith(prefix) ? name : null;
        });
        return new KeyPage(page.items(), page.nextCursor());
    }

    /** A document visited by {@link #visit}; {@code value} is only valid during the call. */
    @FunctionalInterface
    interface Visitor {
        void visit(String key, byte[] storedKey, ByteBuffer value);
    }

    /**
     * Visits up to {@code limit} documents in stored-key order, strictly after {@code after} (null: from the
     * first); returns the last stored key visited, or null when there are no more. For streaming rebuilds.
     */
    byte[] visit(Txn<ByteBuffer> txn, byte[] after, int limit, Visitor visitor) {
        try (Cursor<ByteBuffer> cursor = docs.get().openCursor(txn)) {
            boolean ok = after == null ? cursor.first() : cursor.get(LmdbBuffers.direct(after), GetOp.MDB_SET_RANGE);
            if (ok && after != null && Arrays.equals(LmdbBuffers.copy(cursor.key()), after)) {
                ok = cursor.next();
            }
            byte[] last = null;
            for (int n = 0; ok && n < limit; n++, ok = cursor.next()) {
                last = LmdbBuffers.copy(cursor.key());
                visitor.visit(nameOf(txn, last), last, cursor.val());
            }
            return ok ? last : null;
        }
    }

    private String nameOf(Txn<ByteBuffer> txn, byte[] storedKey) {
        if (!KeyCodec.isShortened(storedKey)) {
            return new String(storedKey, StandardCharsets.UTF_8);
        }
        byte[] name = LmdbBuffers.get(meta.get(), txn, KeyCodec.concat(LONG_NAME, storedKey));
        if (name == null) {
            throw new IllegalStateException("metadata store lacks the full name of a long document key");
        }
        return new String(name, StandardCharsets.UTF_8);
    }
}
