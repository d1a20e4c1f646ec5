package com.goodpackagerepo.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * One page of the keys sharing a prefix, forward or backward, resuming strictly after a cursor key. It seeks
 * straight to its start and reads at most one entry past the page, so its cost depends on the page size only,
 * never on how many other keys the database holds.
 */
final class PrefixScan {

    /** Turns an entry into a page item, or null to skip it; {@code value} is only valid during the call. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(byte[] key, ByteBuffer value);
    }

    /** @param nextCursor null on the last page */
    record Page<T>(List<T> items, String nextCursor) {
    }

    private PrefixScan() {
    }

    /**
     * @param after    exclusive resume key (decoded cursor), or null to start at the first (or last) key
     * @param backward true to walk from the greatest key down
     */
    static <T> Page<T> page(Txn<ByteBuffer> txn, Dbi<ByteBuffer> dbi, byte[] prefix, byte[] after,
                            boolean backward, int limit, Mapper<T> mapper) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<T> items = new ArrayList<>();
        byte[] last = null;
        try (Cursor<ByteBuffer> cursor = dbi.openCursor(txn)) {
            for (boolean ok = position(cursor, prefix, after, backward); ok;
                 ok = backward ? cursor.prev() : cursor.next()) {
                byte[] key = LmdbBuffers.copy(cursor.key());
                if (!KeyCodec.startsWith(key, prefix)) {
                    break;
                }
                T item = mapper.map(key, cursor.val());
                if (item == null) {
                    continue;
                }
                if (items.size() == limit) {
                    return new Page<>(items, KeyCodec.encodeCursor(last));
                }
                items.add(item);
                last = key;
            }
        }
        return new Page<>(items, null);
    }

    private static boolean position(Cursor<ByteBuffer> cursor, byte[] prefix, byte[] after, boolean backward) {
        if (!backward) {
            byte[] start = after != null ? after : prefix;
            if (start.length == 0) {
                return cursor.first();
            }
            if (!cursor.get(LmdbBuffers.direct(start), GetOp.MDB_SET_RANGE)) {
                return false;
            }
            return after == null || !Arrays.equals(LmdbBuffers.copy(cursor.key()), after) || cursor.next();
        }
        byte[] bound = after != null ? after : KeyCodec.successor(prefix);
        if (bound == null) {
            return cursor.last();
        }
        return cursor.get(LmdbBuffers.direct(bound), GetOp.MDB_SET_RANGE) ? cursor.prev() : cursor.last();
    }
}
