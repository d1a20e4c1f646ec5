package com.goodpackagerepo.storage.lmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.version.VersionOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Key layout of the "idx" database. Every index shares it, told apart by the index name:
 * <pre>
 *   0x01 prefix sort identity   → row JSON   all rows
 *   0x02 prefix sort identity   → row JSON   semver indexes: release rows only (includePrerelease=false)
 *   0x03 name keys identity     → row body   where the row of one identity currently lives (for replace/delete)
 *   prefix   = name\0 key1\0 key2\0 ...   (shortened to 301 bytes: 236 bytes, 0xFF, SHA-256 hex, when longer
 *              than 300; 0xFF never occurs in UTF-8, so a shortened prefix cannot match another key's rows)
 *   sort     = VersionOrder.sortKey(value) for semver indexes, value\0 otherwise, nothing without a sort field
 *   identity = id1\0 id2\0 ...            (the identity fields; none for a unique index)
 * </pre>
 * A body (prefix sort identity) is shortened like a document key when longer than 400 bytes, so ordering
 * holds on the prefix and at least the first 99 bytes of the sort value. Values must not contain NUL.
 */
final class IndexKeyEncoder {

    static final byte ALL = 0x01;
    static final byte RELEASES = 0x02;
    private static final byte IDENTITY = 0x03;
    private static final int MAX_RAW_PREFIX = 300;
    private static final int PREFIX_KEEP = 236;
    private static final byte PREFIX_MARK = (byte) 0xFF;

    /** Where one row is stored: {@code body} in sub-space ALL (and RELEASES), plus its identity pointer. */
    record RowKeys(byte[] body, byte[] identityKey, boolean release) {
        byte[] key(byte space) {
            return KeyCodec.concat(new byte[] {space}, body);
        }
    }

    private IndexKeyEncoder() {
    }

    /** The prefix all rows a query can return start with (its sub-space included). */
    static byte[] queryPrefix(IndexDefinition index, IndexQuery query) {
        byte space = semver(index) && !query.includePrerelease() ? RELEASES : ALL;
        return KeyCodec.concat(new byte[] {space}, keyPrefix(index, query.keyValues()));
    }

    static RowKeys rowKeys(IndexDefinition index, JsonNode row) {
        byte[] sort = new byte[0];
        boolean release = false;
        if (index.sortField() != null) {
            String value = field(row, index.sortField());
            sort = semver(index) ? VersionOrder.sortKey(value) : text(value);
            release = semver(index) && !VersionOrder.isPrerelease(value);
        }
        byte[] body = KeyCodec.concat(keyPrefix(index, values(row, index.keyFields())), sort,
                texts(values(row, index.identityFields())));
        return new RowKeys(KeyCodec.fitKey(body), identityKey(index, row), release);
    }

    /** The key of the identity pointer for the row with the identity of {@code row}. */
    static byte[] identityKey(IndexDefinition index, JsonNode row) {
        byte[] identity = KeyCodec.concat(text(index.name()), texts(values(row, index.keyFields())),
                texts(values(row, index.identityFields())));
        return KeyCodec.concat(new byte[] {IDENTITY}, KeyCodec.fitKey(identity));
    }

    private static boolean semver(IndexDefinition index) {
        return index.semver() && index.sortField() != null;
    }

    private static byte[] keyPrefix(IndexDefinition index, List<String> keyValues) {
        if (keyValues.size() != index.keyFields().size()) {
            throw new IllegalArgumentException("index " + index.name() + " needs " + index.keyFields().size()
                    + " key values, got " + keyValues.size());
        }
        return KeyCodec.fit(KeyCodec.concat(text(index.name()), texts(keyValues)), MAX_RAW_PREFIX, PREFIX_KEEP,
                PREFIX_MARK);
    }

    private static List<String> values(JsonNode row, List<String> fields) {
        List<String> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            values.add(field(row, field));
        }
        return values;
    }

    private static String field(JsonNode row, String name) {
        JsonNode value = row.get(name);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("index row lacks a value for field " + name);
        }
        return value.asText();
    }

    private static byte[] texts(List<String> values) {
        byte[][] parts = new byte[values.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = text(values.get(i));
        }
        return KeyCodec.concat(parts);
    }

    /** A component ordered like its string, shorter first: UTF-8 then a 0x00 terminator. */
    private static byte[] text(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("index values must not contain NUL");
        }
        return KeyCodec.concat(KeyCodec.utf8(value), new byte[] {0});
    }
}
