package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Blobs as plain files under {@code root}, at the path a {@link BlobPathTemplate} gives their digest.
 *
 * <p>A put streams through a staging file in {@code root/.staging} (same filesystem, so the final rename is
 * atomic), hashing while writing and enforcing the size limit as bytes arrive; only a complete, verified and
 * fsynced file is renamed into place, so readers never see partial content and a crash leaves at most a stale
 * staging file (see {@link #purgeStaging}). Identical content is stored once: concurrent puts of the same
 * bytes all succeed and the rename of identical content over itself is harmless. Garbage collection deletes
 * through {@link #sweep}, which respects the leases {@link #putLeased} hands out.
 */
public final class FilesystemBlobStore implements BlobStore {

    private final Path root;
    private final Path staging;
    private final BlobPathTemplate template;
    private final BlobLeases leases = new BlobLeases();
    private volatile SharedLeases shared;
    private volatile InlineBlobs inline;
    private volatile SmallBlobMemory memory;
    private final Set<Path> activeStaging = ConcurrentHashMap.newKeySet();
    private final UploadWriter writer = UploadWriter.DEFAULT;

    /**
     * @param pathTemplate layout below {@code root}, e.g. "sha256/{digest:0:2}/{digest:2:2}/{digest}"
     * @throws IllegalArgumentException for an invalid template
     */
    public FilesystemBlobStore(Path root, String pathTemplate) {
        this.template = new BlobPathTemplate(pathTemplate);
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(BlobPathTemplate.STAGING_DIR);
    }

    /** Makes leases and sweeps also respect the publishes of other servers on the same directory (cluster mode). */
    public void useSharedLeases(SharedLeases sharedLeases) {
        this.shared = sharedLeases;
    }

    /**
     * Makes the store also hold the small blobs publishes commit into the metadata store ({@link InlineBlobBatch}):
     * they are found, listed, swept and deleted like files. Single-node only (see docs/decisions.md).
     */
    public void useInline(InlineBlobs inlineBlobs) {
        this.inline = inlineBlobs;
    }

    /**
     * Makes reads of small file blobs answer from memory once read (a cluster node, whose small blobs are files in
     * the shared directory; a single node's are {@link #useInline inline}).
     */
    public void useSmallBlobMemory(SmallBlobMemory smallBlobMemory) {
        this.memory = smallBlobMemory;
    }

    /** The metadata store's small blobs this store also serves, or null. */
    public InlineBlobs inline() {
        return inline;
    }

    public Path root() {
        return root;
    }

    /**
     * Stages the bytes, then takes a lease on their digest and only then decides whether the final file is
     * already there (the staged copy is dropped) or must be moved into place: a sweep deleting the final file
     * concurrently either finishes first (and the staged copy replaces it) or finds the lease and skips it.
     */
    /**
     * @throws com.goodpackagerepo.error.StoreFullException when the file system ran out of space (the staging
     *         file is gone by then: nothing partial is kept)
     */
    @Override
    public BlobLease putLeased(InputStream in, long maxBytes, long minBytes, String expectedDigest) throws IOException {
        try {
            return putLeasedOrFail(in, maxBytes, minBytes, expectedDigest);
        } catch (IOException e) {
            if (OutOfSpace.is(e)) {
                throw new com.goodpackagerepo.error.StoreFullException("no space left for blobs in " + root, e);
            }
            throw e;
        }
    }

    private BlobLease putLeasedOrFail(InputStream in, long maxBytes, long minBytes, String expectedDigest)
            throws IOException {
        String expectedHex = expectedDigest == null ? null : BlobDigests.hex(expectedDigest);
        Files.createDirectories(staging);
        Path temp = Files.createTempFile(staging, "put-", ".tmp");
        activeStaging.add(temp);
        try {
            Staged staged = stage(in, temp, maxBytes, minBytes, expectedHex);
            leases.acquire(staged.hex());
            SharedLeases sharedLeases = shared;
            String sharedId;
            try {
                sharedId = sharedLeases == null ? null : sharedLeases.acquire(staged.hex());
            } catch (RuntimeException e) {
                leases.release(staged.hex());
                throw e;
            }
            BlobLease lease = new BlobLease(new BlobRef(BlobDigests.of(staged.hex()), staged.size(),
                    template.resolve(root, staged.hex())), () -> {
                        leases.release(staged.hex());
                        if (sharedId != null) {
                            sharedLeases.release(sharedId);
                        }
                    });
            try {
                commitStaged(temp, lease.blob().path());
            } catch (IOException | RuntimeException e) {
                lease.close();
                throw e;
            }
            return lease;
        } finally {
            activeStaging.remove(temp);
            deleteStagingFile(temp);
        }
    }

    private record Staged(String hex, long size) {
    }

    /**
     * Streams into {@code temp} through the {@link UploadWriter} (receiving, hashing, writing and flushing
     * overlap; the size limit is enforced as bytes arrive); returns once the complete file is flushed to disk.
     */
    private Staged stage(InputStream in, Path temp, long maxBytes, long minBytes, String expectedHex)
            throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            UploadWriter.Written written = writer.write(in, out, maxBytes);
            if (written.size() < minBytes) {
                throw new BlobTooSmallException("blob has " + written.size() + " bytes, at least " + minBytes
                        + " required");
            }
            if (expectedHex != null && !expectedHex.equals(written.hex())) {
                throw DigestMismatchException.of(written.hex(), expectedHex);
            }
            return new Staged(written.hex(), written.size());
        }
    }

    /** Under the digest's lease: keep the stored file when it exists, else move the staged copy into place. */
    private void commitStaged(Path temp, Path target) throws IOException {
        if (!Files.exists(target)) {
            moveIntoPlace(temp, target);
        }
    }

    /** Removes a staging file (gone already after a successful rename) without masking the put's own outcome. */
    private static void deleteStagingFile(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Left for purgeStaging; the blob itself is either complete in place or absent.
        }
    }

    /** Atomic rename, then fsync of every directory whose entries changed so the blob survives a crash. */
    private void moveIntoPlace(Path temp, Path target) throws IOException {
        Path parent = target.getParent();
        Path topCreated = null;
        for (Path dir = parent; !Files.isDirectory(dir); dir = dir.getParent()) {
            topCreated = dir;
        }
        Files.createDirectories(parent);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        Path stop = topCreated == null ? parent : topCreated.getParent();
        for (Path dir = parent; ; dir = dir.getParent()) {
            fsyncDirectory(dir);
            if (dir.equals(stop)) {
                break;
            }
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open or sync directories; the rename itself is still atomic.
        }
    }

    @Override
    public Optional<BlobRef> stat(String digest) throws IOException {
        String hex = BlobDigests.hex(digest);
        InlineBlobs inlineBlobs = inline;
        if (inlineBlobs != null) {
            Optional<InlineBlobs.Stored> stored = inlineBlobs.get(hex);
            if (stored.isPresent()) {
                return Optional.of(new BlobRef(BlobDigests.of(hex), stored.get().bytes().length, null,
                        new BlobSource.BytesSource(stored.get().bytes(), stored.get().storedAt())));
            }
        }
        try {
            return regularFile(hex, template.resolve(root, hex));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Like {@link #stat} — the file system is asked on every read, so a blob swept or evicted meanwhile is not
     * served — but with {@link #useSmallBlobMemory} a small blob's bytes come from memory after its first read, and
     * its time from the same attribute read (a single node's small blobs are inline and never get here).
     */
    @Override
    public Optional<BlobRef> statForRead(String digest) throws IOException {
        SmallBlobMemory remembered = memory;
        if (remembered == null || inline != null) {
            return stat(digest);
        }
        String hex = BlobDigests.hex(digest);
        Path path = template.resolve(root, hex);
        Optional<BasicFileAttributes> attributes = regularFileAttributes(path);
        if (attributes.isEmpty()) {
            return Optional.empty();
        }
        long size = attributes.get().size();
        BlobRef file = new BlobRef(BlobDigests.of(hex), size, path);
        byte[] bytes = remembered.holds(size) ? remembered.bytes(hex, path, size) : null;
        return Optional.of(bytes == null ? file : new BlobRef(file.digest(), size, path,
                new BlobSource.BytesSource(bytes, attributes.get().lastModifiedTime().toInstant())));
    }

    @Override
    public boolean delete(String digest) throws IOException {
        String hex = BlobDigests.hex(digest);
        InlineBlobs inlineBlobs = inline;
        boolean inlineDeleted = inlineBlobs != null && inlineBlobs.delete(hex);
        return Files.deleteIfExists(template.resolve(root, hex)) || inlineDeleted;
    }

    /**
     * Visits every stored blob by walking the directory tree lazily (the staging directory is not entered; stray
     * files that do not match the template are skipped). For garbage collection; blobs added during the walk may
     * be missed, and a file that vanishes while the walk passes it (a blob swept, a staging file renamed into
     * place) is simply not visited rather than failing the walk.
     */
    public void forEachBlob(Consumer<BlobRef> action) throws IOException {
        InlineBlobs inlineBlobs = inline;
        if (inlineBlobs != null) {
            inlineBlobs.forEach(action);
        }
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            walk(action);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void walk(Consumer<BlobRef> action) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(staging) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                template.digestOf(relative(path)).flatMap(hex -> regularFile(hex, path)).ifPresent(action);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /**
     * Deletes the blob unless a publish holds a lease on it, {@code referenced} says a document needs it, or it
     * was modified at or after {@code cutoff}; all decided and done under the digest's lock, so no lease can be
     * taken between the checks and the delete. With {@code dryRun} nothing is deleted.
     */
    public SweepResult sweep(String digest, Instant cutoff, Predicate<String> referenced, boolean dryRun)
            throws IOException {
        String hex = BlobDigests.hex(digest);
        Path path = template.resolve(root, hex);
        InlineBlobs inlineBlobs = inline;
        if (inlineBlobs != null && inlineBlobs.size(hex) >= 0) {
            SweepResult inlineResult = inlineBlobs.sweep(hex, cutoff, dryRun);
            if (!Files.exists(path)) {
                return inlineResult;
            }
            // the same content also stored as a file (written before inlining was enabled): decide it below
        }
        try {
            SharedLeases sharedLeases = shared;
            return leases.underLock(hex, () -> sharedLeases == null ? decide(hex, path, cutoff, referenced, dryRun, false)
                    : sharedLeases.exclusive(hex, leasedElsewhere -> decide(hex, path, cutoff, referenced, dryRun, leasedElsewhere)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private SweepResult decide(String hex, Path path, Instant cutoff, Predicate<String> referenced, boolean dryRun,
                               boolean leasedElsewhere) {
        if (leasedElsewhere || leases.leased(hex)) {
            return new SweepResult(SweepResult.Outcome.LEASED, 0);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new SweepResult(SweepResult.Outcome.GONE, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long size = attributes.size();
        if (!attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
            return new SweepResult(SweepResult.Outcome.YOUNG, size);
        }
        if (referenced.test(BlobDigests.of(hex))) {
            return new SweepResult(SweepResult.Outcome.REFERENCED, size);
        }
        if (dryRun) {
            return new SweepResult(SweepResult.Outcome.WOULD_DELETE, size);
        }
        try {
            return new SweepResult(Files.deleteIfExists(path) ? SweepResult.Outcome.DELETED
                    : SweepResult.Outcome.GONE, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of digests publishes currently hold a lease on (for tests and diagnostics). */
    public int activeLeases() {
        return leases.active();
    }

    /**
     * Deletes staging files last modified before {@code cutoff} (left behind by crashed uploads) and not in use
     * by a running upload of this process; returns the count.
     */
    public int purgeStaging(Instant cutoff) throws IOException {
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (activeStaging.contains(file)) {
                    continue;
                }
                if (lastModified(file).isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static Instant lastModified(Path file) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.MAX; // finished meanwhile
        }
    }

    private String relative(Path path) {
        return StreamSupport.stream(root.relativize(path).spliterator(), false)
                .map(Path::toString).collect(Collectors.joining("/"));
    }

    /** The blob at {@code path}, or empty when it is not a regular file or vanished meanwhile. */
    private static Optional<BlobRef> regularFile(String hex, Path path) {
        try {
            return regularFileAttributes(path).map(a -> new BlobRef(BlobDigests.of(hex), a.size(), path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attributes of the regular file at {@code path}; empty when there is none. */
    private static Optional<BasicFileAttributes> regularFileAttributes(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
