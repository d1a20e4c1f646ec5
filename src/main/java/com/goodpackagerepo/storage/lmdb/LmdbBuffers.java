package com.goodpackagerepo.storage.lmdb;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * Moves bytes in and out of LMDB. lmdbjava only takes direct buffers, and the buffers it returns point into the
 * memory map and are only valid until the transaction ends, so every value read is copied out at once.
 */
final class LmdbBuffers {

    private LmdbBuffers() {
    }

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }

    static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** The value under {@code key} copied out, or null. */
    static byte[] get(Dbi<ByteBuffer> dbi, Txn<ByteBuffer> txn, byte[] key) {
        ByteBuffer value = dbi.get(txn, direct(key));
        return value == null ? null : copy(value);
    }

    /** PipelineWrites the value straight into space reserved in the map, sparing a direct copy of large documents. */
    static void put(Dbi<ByteBuffer> dbi, Txn<ByteBuffer> txn, byte[] key, byte[] value, PutFlags... flags) {
        dbi.reserve(txn, direct(key), value.length, flags).put(value);
    }

    static void delete(Dbi<ByteBuffer> dbi, Txn<ByteBuffer> txn, byte[] key) {
        dbi.delete(txn, direct(key));
    }
}
