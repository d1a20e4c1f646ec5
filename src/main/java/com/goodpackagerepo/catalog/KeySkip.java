package com.goodpackagerepo.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Positions a key listing ({@link com.goodpackagerepo.storage.kv.KvStore#keys}) past every key under a prefix,
 * so a listing can visit one key per package instead of one per version. A listing's cursor is the base64url
 * of the last key it returned (the metadata store's contract, checked by {@code KeySkipTest} against the LMDB
 * store); a cursor for "the prefix followed by byte 0xFF" resumes after every key under the prefix, since
 * keys are UTF-8 and never contain 0xFF.
 */
final class KeySkip {
    private KeySkip() {
    }

    /** A key-listing cursor that resumes after every key starting with {@code prefix}. */
    static String pastPrefix(String prefix) {
        byte[] raw = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(raw, raw.length + 1);
        key[raw.length] = (byte) 0xFF;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
