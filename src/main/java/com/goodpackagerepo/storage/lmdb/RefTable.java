package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.BlobReferences;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.lmdbjava.Cursor;
import java.util.function.Supplier;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The reverse blob-reference index in the "refs" database: 32 raw SHA-256 bytes + the document's stored key
 * (at most 465 bytes, so at most 497 in all) → the document's full key. It is written in the same write
 * transaction as the document it describes, so "no entry under this digest" in any snapshot means "no
 * committed document references this blob". The rules it was built with are recorded in the same database
 * under the one-byte key {@link #SPEC_KEY} (shorter than any reference key, so no digest seek can land on it);
 * while that record is absent or differs (a rebuild is running, or was cut short by a crash) every blob
 * counts as referenced.
 */
final class RefTable {

    static final byte[] SPEC_KEY = {0};
    private static final int DIGEST_BYTES = 32;

    private final Supplier<Dbi<ByteBuffer>> refs; // resolved per use: compaction reopens the environment
    private volatile BlobReferences rules;

    RefTable(Supplier<Dbi<ByteBuffer>> refs, BlobReferences rules) {
        this.refs = refs;
        this.rules = rules;
    }

    BlobReferences rules() {
        return rules;
    }

    /** Moves the references of one document from its old value to its new one (either may be null). */
    void replace(Txn<ByteBuffer> txn, String key, byte[] storedKey, byte[] oldValue, byte[] newValue) {
        BlobReferences current = rules;
        if (!current.covers(key)) {
            return;
        }
        Set<String> before = current.digests(key, oldValue);
        Set<String> after = current.digests(key, newValue);
        for (String hex : before) {
            if (!after.contains(hex)) {
                LmdbBuffers.delete(refs.get(), txn, refKey(hex, storedKey));
            }
        }
        for (String hex : after) {
            if (!before.contains(hex)) {
                LmdbBuffers.put(refs.get(), txn, refKey(hex, storedKey), KeyCodec.utf8(key));
            }
        }
    }

    /** True when a document references the blob, or when the index is not complete for the current rules. */
    boolean referenced(Txn<ByteBuffer> txn, String hex) {
        if (!complete(txn)) {
            return true;
        }
        return !referrers(txn, hex, 1).isEmpty();
    }

    /** Up to {@code limit} keys of documents referencing the blob, in stored-key order. */
    List<String> referrers(Txn<ByteBuffer> txn, String hex, int limit) {
        byte[] prefix = HexFormat.of().parseHex(hex);
        List<String> keys = new ArrayList<>();
        try (Cursor<ByteBuffer> cursor = refs.get().openCursor(txn)) {
            for (boolean ok = cursor.get(LmdbBuffers.direct(prefix), GetOp.MDB_SET_RANGE);
                 ok && keys.size() < limit; ok = cursor.next()) {
                if (!KeyCodec.startsWith(LmdbBuffers.copy(cursor.key()), prefix)) {
                    break;
                }
                keys.add(new String(LmdbBuffers.copy(cursor.val()), StandardCharsets.UTF_8));
            }
        }
        return keys;
    }

    boolean complete(Txn<ByteBuffer> txn) {
        byte[] spec = LmdbBuffers.get(refs.get(), txn, SPEC_KEY);
        return spec != null && new String(spec, StandardCharsets.UTF_8).equals(rules.spec());
    }

    /** Empties the index and installs new rules; every later write transaction maintains it with them. */
    void reset(Txn<ByteBuffer> txn, BlobReferences newRules) {
        refs.get().drop(txn);
        rules = newRules;
    }

    /** Adds the references of one stored document (used by the rebuild). */
    void add(Txn<ByteBuffer> txn, String key, byte[] storedKey, ByteBuffer value) {
        if (rules.covers(key)) {
            replace(txn, key, storedKey, null, LmdbBuffers.copy(value));
        }
    }

    /** Marks the index complete for the current rules. */
    void markComplete(Txn<ByteBuffer> txn) {
        LmdbBuffers.put(refs.get(), txn, SPEC_KEY, KeyCodec.utf8(rules.spec()));
    }

    private static byte[] refKey(String hex, byte[] storedKey) {
        byte[] digest = HexFormat.of().parseHex(hex);
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("not a sha256 digest: " + hex);
        }
        return KeyCodec.concat(digest, storedKey);
    }
}
