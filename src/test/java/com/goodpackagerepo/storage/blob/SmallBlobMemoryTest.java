package com.goodpackagerepo.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster node's small blobs served from memory, with the file system still asked on every read. */
class SmallBlobMemoryTest {
    private static final String TEMPLATE = "sha256/{digest:0:2}/{digest:2:2}/{digest}";

    @TempDir
    Path dir;

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private FilesystemBlobStore store(SmallBlobMemory memory) {
        FilesystemBlobStore store = new FilesystemBlobStore(dir.resolve("blobs"), TEMPLATE);
        if (memory != null) {
            store.useSmallBlobMemory(memory);
        }
        return store;
    }

    private static BlobRef put(FilesystemBlobStore store, byte[] data) throws Exception {
        return store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
    }

    @Test
    void aSmallBlobIsReadOnceThenServedFromMemoryWithItsFileTime() throws Exception {
        SmallBlobMemory memory = new SmallBlobMemory(1 << 20, 65_536);
        FilesystemBlobStore store = store(memory);
        byte[] data = random(4096, 1);
        BlobRef stored = put(store, data);
        BlobRef read = store.statForRead(stored.digest()).orElseThrow();
        BlobSource.BytesSource bytes = assertInstanceOf(BlobSource.BytesSource.class, read.source());
        assertArrayEquals(data, bytes.bytes());
        assertEquals(4096, read.size());
        assertEquals(stored.path(), read.path());
        assertEquals(Files.getLastModifiedTime(stored.path()).toInstant(), read.lastModified());
        assertEquals(4096, memory.size());
        assertTrue(store.statForRead(stored.digest()).orElseThrow().source() instanceof BlobSource.BytesSource);
        assertEquals(4096, memory.size()); // remembered once
    }

    @Test
    void aBlobGoneFromTheDirectoryIsNotServedFromMemory() throws Exception {
        FilesystemBlobStore store = store(new SmallBlobMemory(1 << 20, 65_536));
        BlobRef stored = put(store, random(4096, 2));
        assertTrue(store.statForRead(stored.digest()).isPresent());
        Files.delete(stored.path()); // another node's sweep
        assertTrue(store.statForRead(stored.digest()).isEmpty());
        assertTrue(store.stat(stored.digest()).isEmpty());
    }

    @Test
    void aFileThatDoesNotHoldItsDigestsBytesIsServedAsItIsAndNotRemembered() throws Exception {
        SmallBlobMemory memory = new SmallBlobMemory(1 << 20, 65_536);
        FilesystemBlobStore store = store(memory);
        BlobRef stored = put(store, random(4096, 3));
        Files.write(stored.path(), random(4096, 4)); // damaged on disk
        BlobRef read = store.statForRead(stored.digest()).orElseThrow();
        assertInstanceOf(BlobSource.FileSource.class, read.source());
        assertEquals(0, memory.size());
    }

    @Test
    void largerBlobsAndStoresWithoutMemoryReadTheirFiles() throws Exception {
        FilesystemBlobStore store = store(new SmallBlobMemory(1 << 20, 8192));
        BlobRef large = put(store, random(8193, 5));
        assertInstanceOf(BlobSource.FileSource.class, store.statForRead(large.digest()).orElseThrow().source());
        FilesystemBlobStore plain = new FilesystemBlobStore(dir.resolve("blobs"), TEMPLATE);
        BlobRef small = put(plain, random(100, 6));
        assertInstanceOf(BlobSource.FileSource.class, plain.statForRead(small.digest()).orElseThrow().source());
    }

    @Test
    void theLeastRecentlyUsedGoFirstPastTheBudget() throws Exception {
        SmallBlobMemory memory = new SmallBlobMemory(10_000, 65_536);
        FilesystemBlobStore store = store(memory);
        BlobRef a = put(store, random(4000, 7));
        BlobRef b = put(store, random(4000, 8));
        BlobRef c = put(store, random(4000, 9));
        store.statForRead(a.digest());
        store.statForRead(b.digest());
        store.statForRead(a.digest()); // a is now more recent than b
        store.statForRead(c.digest());
        assertEquals(8000, memory.size());
        assertNotNull(memory.get(BlobDigests.hex(a.digest())));
        assertNull(memory.get(BlobDigests.hex(b.digest())));
        assertNotNull(memory.get(BlobDigests.hex(c.digest())));
    }
}
