package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * The bytes of the small blobs a cluster node served lately, by digest. A single node reads its small blobs from
 * LMDB ({@link InlineBlobs}); a cluster node's are files in the shared directory, and every GET paid an open, a read
 * and a close for them. Content-addressed bytes never change, so an entry is never stale; whether the blob is still
 * stored is asked of the file system on every read all the same (the store's stat), so a blob another node swept or
 * evicted is not served from here. Bytes are checked against their digest before they are remembered. The least
 * recently used go first when the total passes the budget.
 */
public final class SmallBlobMemory {
    private final long maxBytes;
    private final long maxBlobBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /**
     * @param maxBytes     the budget of all remembered bytes
     * @param maxBlobBytes larger blobs are never remembered (they are read from their files)
     */
    public SmallBlobMemory(long maxBytes, long maxBlobBytes) {
        this.maxBytes = maxBytes;
        this.maxBlobBytes = Math.min(maxBlobBytes, maxBytes);
    }

    /** Whether a blob of {@code size} bytes may be remembered. */
    boolean holds(long size) {
        return size <= maxBlobBytes;
    }

    /**
     * The bytes of the blob {@code hex} of {@code size} bytes stored at {@code path}: remembered, or read now and
     * remembered; null when the file does not hold exactly those bytes (the caller serves the file as it is).
     */
    byte[] bytes(String hex, Path path, long size) throws IOException {
        byte[] known = get(hex);
        if (known != null && known.length == size) {
            return known;
        }
        byte[] read = Files.readAllBytes(path);
        if (read.length != size || !hex.equals(BlobDigests.hexOf(read))) {
            return null;
        }
        remember(hex, read);
        return read;
    }

    synchronized byte[] get(String hex) {
        return entries.get(hex);
    }

    private synchronized void remember(String hex, byte[] value) {
        byte[] previous = entries.put(hex, value);
        bytes += value.length - (previous == null ? 0 : previous.length);
        var oldest = entries.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().getValue().length;
            oldest.remove();
        }
    }

    /** Bytes remembered now (for tests and metrics). */
    public synchronized long size() {
        return bytes;
    }
}
