package com.goodpackagerepo.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;

class PrefixScanTest {

    @TempDir
    Path dir;

    private LmdbEnvironment env;
    private Dbi<ByteBuffer> dbi;

    @BeforeEach
    void open() {
        env = new LmdbEnvironment(dir, 1 << 20, 1 << 20, List.of("t"));
        dbi = env.dbi("t");
        env.write(txn -> {
            for (String key : List.of("a1", "a2", "a3", "b", "b1", "b2", "b3", "c\u00ff")) {
                LmdbBuffers.put(dbi, txn, key.getBytes(UTF_8), key.getBytes(UTF_8));
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        env.close();
    }

    private List<String> scan(String prefix, boolean backward, int limit) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            PrefixScan.Page<String> page = env.read(txn -> PrefixScan.page(txn, dbi, prefix.getBytes(UTF_8),
                    after == null ? null : KeyCodec.decodeCursor(after, prefix.getBytes(UTF_8)), backward, limit,
                    (key, value) -> new String(LmdbBuffers.copy(value), UTF_8)));
            keys.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }

    @Test
    void forwardAndBackwardWithinAPrefix() {
        for (int limit : new int[] {1, 2, 10}) {
            assertEquals(List.of("a1", "a2", "a3"), scan("a", false, limit));
            assertEquals(List.of("a3", "a2", "a1"), scan("a", true, limit));
            assertEquals(List.of("b", "b1", "b2", "b3"), scan("b", false, limit));
            assertEquals(List.of("b3", "b2", "b1", "b"), scan("b", true, limit));
            assertEquals(List.of("c\u00ff"), scan("c", true, limit));
            assertEquals(List.of(), scan("d", true, limit));
            assertEquals(List.of(), scan("0", false, limit));
            assertEquals(8, scan("", true, limit).size());
            assertEquals("c\u00ff", scan("", true, limit).get(0));
        }
    }

    @Test
    void keyHelpers() {
        assertArrayEquals(new byte[] {1, 3}, KeyCodec.successor(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {2}, KeyCodec.successor(new byte[] {1, (byte) 0xFF}));
        assertNull(KeyCodec.successor(new byte[] {(byte) 0xFF}));
        byte[] longKey = "k".repeat(500).getBytes(UTF_8);
        assertEquals(465, KeyCodec.fitKey(longKey).length);
        assertArrayEquals(KeyCodec.fitKey(longKey), KeyCodec.fitKey(longKey.clone()));
        byte[] raw = "k".repeat(400).getBytes(UTF_8);
        assertArrayEquals(raw, KeyCodec.fitKey(raw));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.decodeCursor("", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.decodeCursor("a+b/", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> env.read(txn -> PrefixScan.page(txn, dbi, new byte[0], null,
                false, 0, (key, value) -> key)));
    }
}
