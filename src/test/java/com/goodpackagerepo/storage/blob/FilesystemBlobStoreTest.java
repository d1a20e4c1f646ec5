package com.goodpackagerepo.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {

    private static final String TEMPLATE = "sha256/{digest:0:2}/{digest:2:2}/{digest}";

    @TempDir
    Path root;

    private FilesystemBlobStore store() {
        return new FilesystemBlobStore(root, TEMPLATE);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static InputStream stream(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void roundTrip() throws Exception {
        byte[] content = new byte[200_000];
        new java.util.Random(7).nextBytes(content);
        String hex = sha256(content);
        BlobRef ref = store().put(stream(content), 1 << 20, 1, "SHA256:" + hex.toUpperCase());
        assertEquals("sha256:" + hex, ref.digest());
        assertEquals(content.length, ref.size());
        assertEquals(root.resolve("sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex), ref.path());
        assertArrayEquals(content, Files.readAllBytes(ref.path()));
        assertEquals(ref, store().stat(hex).orElseThrow());
        assertEquals(ref, store().stat("sha256:" + hex).orElseThrow());
        assertTrue(store().delete(ref.digest()));
        assertFalse(store().delete(ref.digest()));
        assertTrue(store().stat(hex).isEmpty());
        assertEquals(List.of(), files());
    }

    @Test
    void sameContentIsStoredOnce() throws Exception {
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        BlobRef first = store().put(stream(content), 100, 0, null);
        BlobRef second = store().put(stream(content), 100, 0, null);
        assertEquals(first, second);
        assertEquals(List.of(first.path()), files());
    }

    @Test
    void digestMismatchStoresNothing() throws Exception {
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        String wrong = "sha256:" + sha256("other".getBytes(StandardCharsets.UTF_8));
        assertThrows(DigestMismatchException.class, () -> store().put(stream(content), 100, 0, wrong));
        assertEquals(List.of(), files());
    }

    @Test
    void tooLargeAndTooSmallStoreNothing() throws Exception {
        byte[] content = new byte[300_000];
        assertThrows(BlobTooLargeException.class, () -> store().put(stream(content), 299_999, 0, null));
        assertThrows(BlobTooSmallException.class, () -> store().put(stream(content), 1 << 20, 300_001, null));
        assertEquals(List.of(), files());
        BlobRef exact = store().put(stream(content), 300_000, 300_000, null);
        assertEquals(List.of(exact.path()), files());
    }

    @Test
    void tooLargeStopsReadingAnEndlessStream() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        assertThrows(BlobTooLargeException.class, () -> store().put(endless, 1_000_000, 0, null));
    }

    @Test
    void failingInputLeavesNoStagingFile() throws Exception {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ > 2) {
                    throw new IOException("client went away");
                }
                return len;
            }
        };
        assertThrows(IOException.class, () -> store().put(failing, Long.MAX_VALUE, 0, null));
        assertEquals(List.of(), files());
    }

    @Test
    void digestsThatAreNotHexAreRejected() {
        FilesystemBlobStore store = store();
        for (String bad : List.of("../../etc/passwd", "sha256:../x", "sha256:" + "a".repeat(63), "a".repeat(65),
                "sha512:" + "a".repeat(64), "g".repeat(64), "/" + "a".repeat(63), "")) {
            assertThrows(IllegalArgumentException.class, () -> store.stat(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.delete(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.put(stream(new byte[1]), 10, 0, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> store.stat(null));
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceed() throws Exception {
        byte[] content = new byte[500_000];
        new java.util.Random(3).nextBytes(content);
        FilesystemBlobStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<BlobRef>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.put(stream(content), Long.MAX_VALUE, 0, null);
                }));
            }
            start.countDown();
            String hex = sha256(content);
            BlobRef expected = new BlobRef("sha256:" + hex, content.length,
                    root.resolve("sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex));
            for (Future<BlobRef> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Path> files = files();
        assertEquals(1, files.size());
        assertArrayEquals(content, Files.readAllBytes(files.get(0)));
    }

    @Test
    void forEachBlobVisitsStoredBlobsOnly() throws Exception {
        FilesystemBlobStore store = store();
        BlobRef a = store.put(stream("a".getBytes(StandardCharsets.UTF_8)), 10, 0, null);
        BlobRef b = store.put(stream("b".getBytes(StandardCharsets.UTF_8)), 10, 0, null);
        Files.writeString(root.resolve("sha256/stray.txt"), "not a blob");
        Files.writeString(root.resolve(".staging/put-1.tmp"), "half an upload");
        List<BlobRef> seen = new ArrayList<>();
        store.forEachBlob(seen::add);
        seen.sort(java.util.Comparator.comparing(BlobRef::digest));
        List<BlobRef> expected = new ArrayList<>(List.of(a, b));
        expected.sort(java.util.Comparator.comparing(BlobRef::digest));
        assertEquals(expected, seen);
        assertEquals(0, store.purgeStaging(Instant.now().minusSeconds(3600)));
        assertEquals(1, store.purgeStaging(Instant.now().plusSeconds(1)));
    }

    @Test
    void newStoreOnAMissingRootIsEmpty() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(root.resolve("not/yet"), TEMPLATE);
        assertTrue(store.stat("a".repeat(64)).isEmpty());
        List<BlobRef> seen = new ArrayList<>();
        store.forEachBlob(seen::add);
        assertEquals(List.of(), seen);
        BlobRef ref = store.put(stream(new byte[] {1}), 1, 1, null);
        assertTrue(ref.path().startsWith(root.resolve("not/yet")));
    }
}
