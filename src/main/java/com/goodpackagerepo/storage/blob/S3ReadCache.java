package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A bounded node-local disk cache in front of an S3 blob store: whole objects as files named by their digest, the
 * least recently read evicted once the total passes {@code maxBytes}. Objects larger than {@code maxObjectBytes}
 * are never cached (the first ranged read of a large blob should not wait for all of it). A fill is verified
 * against the digest before the file is put in place, so the cache never serves bytes the bucket did not hold
 * under that address; content addressing makes a cached file valid for as long as it exists.
 */
public final class S3ReadCache {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** The whole object's bytes, fetched when a read misses. */
    @FunctionalInterface
    public interface Fetch {
        InputStream open() throws IOException;
    }

    private final Path dir;
    private final long maxBytes;
    private final long maxObjectBytes;
    /** hex → size, in access order (the eldest is evicted first). */
    private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();

    public S3ReadCache(Path dir, long maxBytes, long maxObjectBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the S3 read cache needs a positive bound, not " + maxBytes);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.maxObjectBytes = Math.min(maxObjectBytes, maxBytes);
        Files.createDirectories(this.dir);
        reload();
    }

    /** What an earlier run left: kept in modification-time order, temporary files of interrupted fills removed. */
    private void reload() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(dir)) {
            listed.forEach(files::add);
        }
        files.sort(Comparator.comparing(S3ReadCache::modified));
        synchronized (this) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (HEX.matcher(name).matches() && Files.isRegularFile(file)) {
                    long size = Files.size(file);
                    entries.put(name, size);
                    bytes += size;
                } else {
                    Files.deleteIfExists(file);
                }
            }
            evict();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The cached file of {@code hex}, refreshed as most recently used; empty on a miss. */
    public Optional<Path> get(String hex) {
        synchronized (this) {
            if (entries.get(hex) == null) {
                return Optional.empty();
            }
        }
        Path file = dir.resolve(hex);
        if (!Files.isRegularFile(file)) { // removed behind our back
            forget(hex);
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(file);
    }

    /** Whether an object of this size is cached at all. */
    public boolean admits(long size) {
        return size <= maxObjectBytes;
    }

    /**
     * Fetches the whole object into the cache, verifies its SHA-256 against {@code hex} and returns the cached file;
     * concurrent fills of one digest are harmless (the last rename wins with identical bytes).
     */
    public Path fill(String hex, long size, Fetch fetch) throws IOException {
        Path temp = Files.createTempFile(dir, "fill-", ".tmp");
        try {
            MessageDigest sha256 = sha256();
            long copied;
            try (InputStream in = fetch.open();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                copied = in.transferTo(out);
            }
            if (copied != size || !HexFormat.of().formatHex(sha256.digest()).equals(hex)) {
                throw new IOException("object " + hex + " read back " + copied + " bytes that do not match its address");
            }
            Path file = dir.resolve(hex);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            fills.incrementAndGet();
            synchronized (this) {
                Long before = entries.put(hex, size);
                bytes += size - (before == null ? 0 : before);
                evict();
            }
            return file;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Drops a digest (its object was deleted). */
    public void forget(String hex) {
        synchronized (this) {
            Long size = entries.remove(hex);
            if (size != null) {
                bytes -= size;
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(hex));
        } catch (IOException e) {
            // an unreadable leftover is removed at the next start
        }
    }

    /** Removes the least recently read files until the total is within the bound (a reader keeps an open file). */
    private void evict() {
        Iterator<Map.Entry<String, Long>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Long> entry = eldest.next();
            eldest.remove();
            bytes -= entry.getValue();
            try {
                Files.deleteIfExists(dir.resolve(entry.getKey()));
            } catch (IOException e) {
                // an unreadable leftover is removed at the next start
            }
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Reads served from a cached file. */
    public long hits() {
        return hits.get();
    }

    /** Objects fetched into the cache. */
    public long fills() {
        return fills.get();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
