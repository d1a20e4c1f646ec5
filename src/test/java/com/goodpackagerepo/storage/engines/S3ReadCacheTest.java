package com.goodpackagerepo.storage.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.blob.S3ReadCache;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The node-local read cache in front of an S3 store, against s3proxy: a second read is served from the local file
 * even once the object is gone from the bucket, the cache keeps within its bound (least recently read first out),
 * refuses bytes that do not match their address, and finds its files again after a restart.
 */
@Tag("s3")
class S3ReadCacheTest {
    @TempDir
    Path staging;
    @TempDir
    Path cacheDir;

    private static void removeFromBucket(S3Servers.Server server, S3BlobStore store, String digest) {
        try (S3Client admin = S3BlobStoreTest.admin(server.endpoint())) {
            admin.deleteObject(b -> b.bucket(store.bucket()).key(store.key(digest)));
        }
    }

    @Test
    void aSecondReadIsServedLocallyWithoutTheBucket() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        S3ReadCache cache = new S3ReadCache(cacheDir, 100_000, 100_000);
        S3BlobStore store = S3BlobStoreTest.store(server, staging, null).useReadCache(cache);
        byte[] data = S3BlobStoreTest.random(3000, 41);
        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        BlobRef stat = store.stat(blob.digest()).orElseThrow();

        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 300), S3BlobStoreTest.read(stat, 100, 200));
        assertEquals(1, cache.fills(), "the first (ranged) read fetched the whole object once");
        assertEquals(3000, cache.bytes());

        removeFromBucket(server, store, blob.digest()); // the bucket no longer has it: only the cache can answer
        assertArrayEquals(data, S3BlobStoreTest.read(stat, 0, data.length));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 2990, 3000), S3BlobStoreTest.read(stat, 2990, 10));
        assertEquals(2, cache.hits());
        assertEquals(1, cache.fills());

        store.delete(blob.digest());
        assertEquals(0, cache.bytes(), "a deleted blob leaves the cache");
    }

    @Test
    void theCacheStaysWithinItsBoundAndEvictsTheLeastRecentlyRead() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        S3ReadCache cache = new S3ReadCache(cacheDir, 5000, 2500);
        S3BlobStore store = S3BlobStoreTest.store(server, staging, null).useReadCache(cache);
        List<byte[]> contents = new ArrayList<>();
        List<BlobRef> blobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] data = S3BlobStoreTest.random(2000, 50 + i);
            contents.add(data);
            blobs.add(store.stat(store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null).digest())
                    .orElseThrow());
        }
        for (BlobRef blob : blobs) {
            S3BlobStoreTest.read(blob, 0, blob.size());
            assertTrue(cache.bytes() <= 5000, "bounded: " + cache.bytes());
            try (var files = Files.list(cacheDir)) {
                assertTrue(files.count() <= 2, "at most two 2000-byte files fit in 5000 bytes");
            }
        }
        S3BlobStoreTest.read(blobs.get(2), 0, 10); // refreshes blob 2: blob 3 is now the eldest
        byte[] large = S3BlobStoreTest.random(3000, 60);
        BlobRef big = store.stat(store.put(new ByteArrayInputStream(large), Long.MAX_VALUE, 0, null).digest())
                .orElseThrow();
        assertArrayEquals(large, S3BlobStoreTest.read(big, 0, large.length));
        assertEquals(4, cache.fills(), "an object over the per-object bound is read from the bucket, not cached");

        for (BlobRef blob : blobs) {
            removeFromBucket(server, store, blob.digest());
        }
        assertArrayEquals(contents.get(2), S3BlobStoreTest.read(blobs.get(2), 0, 2000), "still cached");
        assertArrayEquals(contents.get(3), S3BlobStoreTest.read(blobs.get(3), 0, 2000), "still cached");
        assertThrows(Exception.class, () -> S3BlobStoreTest.read(blobs.get(0), 0, 2000), "evicted, gone from the bucket");

        S3ReadCache reopened = new S3ReadCache(cacheDir, 5000, 2500);
        assertEquals(cache.bytes(), reopened.bytes(), "a restart finds the cached files again");
        assertTrue(reopened.get(BlobDigests.hex(blobs.get(3).digest())).isPresent());
        S3ReadCache smaller = new S3ReadCache(cacheDir, 2000, 2000);
        assertEquals(2000, smaller.bytes(), "a smaller bound evicts at start");
    }

    @Test
    void bytesThatDoNotMatchTheirAddressAreNotCached() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        S3ReadCache cache = new S3ReadCache(cacheDir, 100_000, 100_000);
        S3BlobStore store = S3BlobStoreTest.store(server, staging, null).useReadCache(cache);
        byte[] data = S3BlobStoreTest.random(1000, 70);
        BlobRef blob = store.stat(store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null).digest())
                .orElseThrow();
        byte[] tampered = data.clone();
        tampered[10] ^= 1;
        try (S3Client admin = S3BlobStoreTest.admin(server.endpoint())) {
            admin.putObject(b -> b.bucket(store.bucket()).key(store.key(blob.digest())), RequestBody.fromBytes(tampered));
        }
        S3BlobStoreTest.read(blob, 0, 1000);
        assertEquals(0, cache.fills());
        assertEquals(0, cache.bytes());
        try (var files = Files.list(cacheDir)) {
            assertEquals(0, files.count(), "no file, not even a temporary one, is left");
        }
    }
}
