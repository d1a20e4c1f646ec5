package com.goodpackagerepo.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload writer with small buffers and a small flush interval, so that a few hundred KiB exercise the
 * writer thread, the queue and the background flushes: the file holds exactly the body, the digest is the
 * body's, every failure surfaces to the caller with no thread left using the file, and buffers come back.
 */
class UploadWriterTest {

    @TempDir
    Path dir;

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    UploadWriter.Written write(UploadWriter writer, InputStream in, long max) throws IOException {
        Path file = dir.resolve("upload");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return writer.write(in, out, max);
        }
    }

    /** Hands out the body in small, irregular reads, like a socket. */
    static InputStream trickle(byte[] body) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            int turn;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + (turn++ * 7919) % 5000));
            }
        };
    }

    @Test
    void aBodyInOneBufferIsWrittenByTheCallerAloneAndFlushedOnce() throws Exception {
        UploadWriter writer = new UploadWriter(64 * 1024, 4, 128 * 1024);
        byte[] body = random(4096, 1);
        UploadWriter.Written written = write(writer, new ByteArrayInputStream(body), Long.MAX_VALUE);
        assertEquals(sha256(body), written.hex());
        assertEquals(4096, written.size());
        assertArrayEquals(body, Files.readAllBytes(dir.resolve("upload")));
        assertEquals(0, writer.handOffs(), "no writer thread for a small body");
        assertEquals(1, writer.flushes());
        assertEquals(1, writer.pooledBuffers(), "the buffer went back to the pool");
    }

    @Test
    void aLargeBodyStreamsThroughTheWriterThreadWithFlushesAlongTheWay() throws Exception {
        UploadWriter writer = new UploadWriter(16 * 1024, 3, 100 * 1024);
        byte[] body = random(1_000_003, 2);
        UploadWriter.Written written = write(writer, trickle(body), Long.MAX_VALUE);
        assertEquals(sha256(body), written.hex());
        assertEquals(body.length, written.size());
        assertArrayEquals(body, Files.readAllBytes(dir.resolve("upload")));
        assertEquals(1, writer.handOffs());
        assertTrue(writer.flushes() >= 2, "background flushes plus the final one: " + writer.flushes());
        assertTrue(writer.pooledBuffers() >= 3, "buffers are reused, not lost: " + writer.pooledBuffers());
    }

    @Test
    void thePipelineThreadsAreNamedForTheirStage() throws Exception {
        UploadWriter writer = new UploadWriter(16 * 1024, 2, 64 * 1024);
        byte[] body = random(200_000, 4);
        java.util.Set<String> seen = new java.util.HashSet<>();
        InputStream watching = new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Thread.getAllStackTraces().keySet().forEach(thread -> seen.add(thread.getName()));
                return super.read(b, off, len);
            }
        };
        assertEquals(sha256(body), write(writer, watching, Long.MAX_VALUE).hex());
        assertTrue(seen.contains("upload-hash") && seen.contains("upload-write"), "threads seen: " + seen);
    }

    @Test
    void hashingOnTheRequestThreadGivesTheSameFileAndDigest() throws Exception {
        UploadWriter writer = new UploadWriter(16 * 1024, 2, 64 * 1024, false);
        byte[] body = random(300_001, 9);
        UploadWriter.Written written = write(writer, trickle(body), Long.MAX_VALUE);
        assertEquals(sha256(body), written.hex());
        assertArrayEquals(body, Files.readAllBytes(dir.resolve("upload")));
        assertTrue(writer.flushes() >= 2);
    }

    @Test
    void aBodyOfExactlyOneBufferAndAnEmptyBodyAreBothComplete() throws Exception {
        UploadWriter writer = new UploadWriter(8192, 2, 1 << 20);
        byte[] exact = random(8192, 3);
        assertEquals(sha256(exact), write(writer, new ByteArrayInputStream(exact), 8192).hex());
        assertArrayEquals(exact, Files.readAllBytes(dir.resolve("upload")));
        UploadWriter.Written empty = write(writer, new ByteArrayInputStream(new byte[0]), 10);
        assertEquals(0, empty.size());
        assertEquals(sha256(new byte[0]), empty.hex());
    }

    @Test
    void exceedingTheLimitStopsTheUploadInTheFirstBufferOrLater() throws Exception {
        UploadWriter writer = new UploadWriter(8192, 2, 1 << 20);
        assertThrows(BlobTooLargeException.class,
                () -> write(writer, new ByteArrayInputStream(random(5000, 4)), 4999));
        byte[] big = random(500_000, 5);
        assertThrows(BlobTooLargeException.class, () -> write(writer, trickle(big), 100_000));
        assertTrue(Files.size(dir.resolve("upload")) <= 100_000 + 8192 * 3L, "writing stopped near the limit");
        assertTrue(writer.pooledBuffers() >= 1, "buffers returned after the failure");
    }

    @Test
    void aBrokenBodySurfacesItsOwnException() throws Exception {
        UploadWriter writer = new UploadWriter(8192, 2, 1 << 20);
        IOException reset = new IOException("connection reset");
        byte[] body = random(100_000, 6);
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(body)) {
            int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 50_000) {
                    throw reset;
                }
                int n = super.read(b, off, Math.min(len, 1000));
                read += Math.max(n, 0);
                return n;
            }
        };
        IOException thrown = assertThrows(IOException.class, () -> write(writer, breaking, Long.MAX_VALUE));
        assertSame(reset, thrown);
    }

    @Test
    void aFailingWriteSurfacesToTheCallerWithoutHanging() throws Exception {
        UploadWriter writer = new UploadWriter(8192, 2, 1 << 20);
        Path file = dir.resolve("read-only");
        Files.write(file, new byte[0]);
        try (FileChannel readOnly = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThrows(Exception.class,
                    () -> writer.write(new ByteArrayInputStream(random(200_000, 7)), readOnly, Long.MAX_VALUE));
            assertThrows(Exception.class,
                    () -> writer.write(new ByteArrayInputStream(random(100, 8)), readOnly, Long.MAX_VALUE));
        }
    }
}
