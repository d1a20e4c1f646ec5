package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobBuffersTest {
    @TempDir
    Path dir;

    @Test
    void smallBodiesGetABufferOfTheirOwnSize() {
        BlobBuffers buffers = new BlobBuffers(2);
        assertEquals(4096, buffers.acquire(4096).length);
        assertEquals(0, buffers.acquire(0).length);
        assertEquals(BlobBuffers.SMALL, buffers.acquire(BlobBuffers.SMALL).length);
        buffers.release(new byte[4096]);
        assertEquals(0, buffers.pooled(), "small buffers are not pooled");
    }

    @Test
    void largeBodiesReuseAPooledBufferAndThePoolIsBounded() {
        BlobBuffers buffers = new BlobBuffers(1);
        byte[] first = buffers.acquire(BlobBuffers.SMALL + 1);
        assertEquals(BlobBuffers.LARGE, first.length);
        byte[] second = buffers.acquire(256L * 1024 * 1024);
        assertNotSame(first, second, "a buffer in use is not handed out twice");
        buffers.release(first);
        buffers.release(second);
        assertEquals(1, buffers.pooled());
        assertSame(first, buffers.acquire(1L << 30));
    }

    @Test
    void copiesExactlyTheRequestedRange() throws Exception {
        byte[] data = new byte[BlobBuffers.LARGE * 3 + 12345];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("blob"), data);
        BlobBuffers buffers = new BlobBuffers(1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ResultWriter.copy(channel, 0, data.length, all, buffers, "d");
            assertArrayEquals(data, all.toByteArray());
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            ResultWriter.copy(channel, 1000, 4096, part, buffers, "d");
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 5096), part.toByteArray());
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            ResultWriter.copy(channel, 10, data.length - 10, tail, buffers, "d");
            assertArrayEquals(Arrays.copyOfRange(data, 10, data.length), tail.toByteArray());
        }
        assertEquals(1, buffers.pooled(), "the large buffer went back to the pool");
    }

    @Test
    void aBlobShorterThanRecordedFailsAndReturnsItsBuffer() throws Exception {
        Path file = Files.write(dir.resolve("short"), new byte[100_000]);
        BlobBuffers buffers = new BlobBuffers(1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThrows(EOFException.class,
                    () -> ResultWriter.copy(channel, 0, 200_000, new ByteArrayOutputStream(), buffers, "d"));
        }
        assertEquals(1, buffers.pooled());
    }
}
