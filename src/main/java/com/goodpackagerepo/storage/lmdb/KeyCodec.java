package com.goodpackagerepo.storage.lmdb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Shapes keys to LMDB's 511-byte limit and turns keys into opaque paging cursors.
 *
 * <p>A key longer than {@link #MAX_RAW_KEY} bytes is stored as its first 400 bytes, '#', and the SHA-256 hex of
 * the whole key (465 bytes). Because stored raw keys are at most 400 bytes and shortened keys are exactly 465,
 * no raw key can ever equal a shortened one, even one crafted to look like it. Ordering stays exact except
 * between two long keys sharing their first 400 bytes, which order by hash.
 */
final class KeyCodec {

    static final int MAX_RAW_KEY = 400;
    private static final int LMDB_MAX_KEY = 511;
    private static final byte HASH_MARK = '#';

    private KeyCodec() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code full} when it has at most {@link #MAX_RAW_KEY} bytes, else its shortened form. */
    static byte[] fitKey(byte[] full) {
        return fit(full, MAX_RAW_KEY, MAX_RAW_KEY, HASH_MARK);
    }

    static boolean isShortened(byte[] storedKey) {
        return storedKey.length > MAX_RAW_KEY;
    }

    /** {@code full} if it has at most {@code maxRaw} bytes, else {@code full[0, keep) + mark + sha256hex(full)}. */
    static byte[] fit(byte[] full, int maxRaw, int keep, byte mark) {
        if (full.length <= maxRaw) {
            return full;
        }
        byte[] hash = utf8(HexFormat.of().formatHex(sha256(full)));
        byte[] out = Arrays.copyOf(full, keep + 1 + hash.length);
        out[keep] = mark;
        System.arraycopy(hash, 0, out, keep + 1, hash.length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if there is none. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null;
    }

    static String encodeCursor(byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /**
     * The key a cursor stands for.
     *
     * @throws IllegalArgumentException when it is not base64url or does not lie in the listed range
     */
    static byte[] decodeCursor(String cursor, byte[] prefix) {
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed cursor", e);
        }
        if (key.length == 0 || key.length > LMDB_MAX_KEY || !startsWith(key, prefix)) {
            throw new IllegalArgumentException("cursor does not belong to this listing");
        }
        return key;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
