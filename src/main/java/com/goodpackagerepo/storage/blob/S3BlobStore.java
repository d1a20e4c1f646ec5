package com.goodpackagerepo.storage.blob;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.StoreFullException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects in an S3 bucket, at {@code prefix} + the key a {@link BlobPathTemplate} gives their digest.
 *
 * <p>A put streams the body into a local staging file while hashing it (the same {@link UploadWriter} as the
 * file system store), checks size and digest, and only then uploads the verified bytes under their content
 * address: a single PUT with {@code Content-MD5} for small bodies, a multipart upload with {@code Content-MD5} on
 * every part for large ones. So no object ever holds unverified or partial content, and nothing relies on
 * conditional writes: a second upload of the same key writes the same bytes. A multipart upload that fails is
 * aborted at once; one a crash left behind is aborted by {@link #purgeStaging} (garbage collection).
 *
 * <p>Leases work as on disk: the sweep decides each object under the digest's lock and skips leased digests; the
 * objects it condemns stay marked until their batch delete has finished, and a put of a condemned digest waits for
 * that before it looks whether the object exists, so it never keeps an object that is about to vanish.
 */
public final class S3BlobStore implements BlobStore {
    /** S3 allows at most 1000 keys per DeleteObjects call. */
    static final int DELETE_BATCH = 1000;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final Duration presignFor;
    private final String bucket;
    private final String prefix;
    private final BlobPathTemplate template;
    private final Path staging;
    private final long partBytes;
    private final BlobLeases leases = new BlobLeases();
    private final Set<Path> activeStaging = ConcurrentHashMap.newKeySet();
    private final Set<String> activeUploads = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> condemned = new ConcurrentHashMap<>();
    private final UploadWriter writer = UploadWriter.DEFAULT;
    /** False once the server answered DeleteObjects with 501: the sweep then deletes one object at a time. */
    private volatile boolean batchDeletes = true;
    /** The node-local disk cache reads go through, or null. */
    private volatile S3ReadCache cache;
    /** Leases every node sharing the bucket sees (cluster mode), or null. */
    private volatile SharedLeases shared;

    /**
     * @param prefix     key prefix ("" or ending in "/"; a missing slash is added)
     * @param staging    local directory the bodies stream into before they are uploaded
     * @param partBytes  bodies larger than this are uploaded in parts of this size (at least 5 MiB)
     * @param presigner  signs download redirects, or null when downloads are served through the server
     * @param presignFor how long a signed download URL stays valid
     */
    public S3BlobStore(S3Client s3, String bucket, String prefix, String pathTemplate, Path staging, long partBytes,
                       S3Presigner presigner, Duration presignFor) {
        if (partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("S3 part size must be at least " + MIN_PART_BYTES + " bytes");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix)
                : prefix + "/";
        this.template = new BlobPathTemplate(pathTemplate);
        this.staging = staging.toAbsolutePath().normalize();
        this.partBytes = partBytes;
        this.presigner = presigner;
        this.presignFor = presignFor;
    }

    public String bucket() {
        return bucket;
    }

    /** Reads of objects the cache admits are served from (and fill) this node-local disk cache. */
    public S3BlobStore useReadCache(S3ReadCache readCache) {
        this.cache = readCache;
        return this;
    }

    /**
     * Cluster mode: puts register their digest where every node sees it, and the sweep decides and deletes each
     * object inside {@link SharedLeases#exclusive} (one DeleteObject per object instead of batches), so no node's
     * sweep deletes an object another node's publish has just found in place.
     */
    public void useSharedLeases(SharedLeases sharedLeases) {
        this.shared = sharedLeases;
    }

    public Optional<S3ReadCache> readCache() {
        return Optional.ofNullable(cache);
    }

    public String prefix() {
        return prefix;
    }

    /** The object key of a digest. */
    public String key(String digest) {
        return prefix + template.render(BlobDigests.hex(digest));
    }

    // ---------------------------------------------------------------------------------------------- put

    @Override
    public BlobLease putLeased(InputStream in, long maxBytes, long minBytes, String expectedDigest) throws IOException {
        String expectedHex = expectedDigest == null ? null : BlobDigests.hex(expectedDigest);
        Files.createDirectories(staging);
        Path temp = Files.createTempFile(staging, "put-", ".tmp");
        activeStaging.add(temp);
        try {
            UploadWriter.Written written = stage(in, temp, maxBytes);
            if (written.size() < minBytes) {
                throw new BlobTooSmallException("blob has " + written.size() + " bytes, at least " + minBytes
                        + " required");
            }
            if (expectedHex != null && !expectedHex.equals(written.hex())) {
                throw DigestMismatchException.of(written.hex(), expectedHex);
            }
            String hex = written.hex();
            leases.acquire(hex);
            SharedLeases sharedLeases = shared;
            String sharedId;
            try {
                sharedId = sharedLeases == null ? null : sharedLeases.acquire(hex);
            } catch (RuntimeException e) {
                leases.release(hex);
                throw e;
            }
            BlobLease lease = new BlobLease(ref(hex, written.size(), null), () -> {
                try {
                    if (sharedId != null) {
                        sharedLeases.release(sharedId);
                    }
                } finally {
                    leases.release(hex);
                }
            });
            try {
                awaitCondemned(hex);
                String key = prefix + template.render(hex);
                if (head(key).isEmpty()) {
                    upload(temp, written.size(), key);
                }
            } catch (IOException | RuntimeException e) {
                lease.close();
                throw e;
            }
            return lease;
        } finally {
            activeStaging.remove(temp);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // left for purgeStaging
            }
        }
    }

    private UploadWriter.Written stage(InputStream in, Path temp, long maxBytes) throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            return writer.write(in, out, maxBytes);
        } catch (IOException e) {
            if (OutOfSpace.is(e)) {
                throw new StoreFullException("no space left to stage blobs in " + staging, e);
            }
            throw e;
        }
    }

    /** A sweep is deleting this digest in a batch: the object must be gone before this put decides anything. */
    private void awaitCondemned(String hex) {
        CompletableFuture<Void> pending = condemned.get(hex);
        if (pending != null) {
            pending.join();
        }
    }

    private void upload(Path file, long size, String key) throws IOException {
        if (size <= partBytes) {
            String md5 = md5(file, 0, size);
            call("upload " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size).contentMD5(md5)
                    .contentType("application/octet-stream"), part(file, 0, size)));
            return;
        }
        String uploadId = call("start multipart upload of " + key,
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"))
                        .uploadId());
        activeUploads.add(uploadId);
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partBytes, number++) {
                long length = Math.min(partBytes, size - offset);
                String md5 = md5(file, offset, length);
                int partNumber = number;
                long partOffset = offset;
                String etag = call("upload part " + partNumber + " of " + key, () -> s3.uploadPart(b -> b.bucket(bucket)
                        .key(key).uploadId(uploadId).partNumber(partNumber).contentLength(length).contentMD5(md5),
                        part(file, partOffset, length)).eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call("complete multipart upload of " + key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            completed = true;
        } finally {
            if (!completed) {
                abortQuietly(key, uploadId);
            }
            activeUploads.remove(uploadId);
        }
    }

    /** A region of the staged file; the SDK opens it again for every retry. */
    private static RequestBody part(Path file, long offset, long length) {
        return RequestBody.fromContentProvider(() -> {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, length, "application/octet-stream");
    }

    static String md5(Path file, long offset, long length) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(length, 1)));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("staged file is shorter than its recorded size");
                }
                buffer.flip();
                md5.update(buffer);
                position += n;
            }
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                    .build());
        } catch (SdkException e) {
            // collected later by purgeStaging, which aborts uploads older than the grace window
        }
    }

    // ------------------------------------------------------------------------------------------- reads

    @Override
    public Optional<BlobRef> stat(String digest) {
        String hex = BlobDigests.hex(digest);
        return head(prefix + template.render(hex)).map(h -> ref(hex, h.contentLength(), h.lastModified()));
    }

    private Optional<HeadObjectResponse> head(String key) {
        return call("look up " + key, () -> {
            try {
                return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private BlobRef ref(String hex, long size, Instant lastModified) {
        return new BlobRef(BlobDigests.of(hex), size, null, new ObjectSource(prefix + template.render(hex), hex, size,
                lastModified));
    }

    /** One object's bytes: ranged GETs, and a presigned GET URL when the store hands those out. */
    private final class ObjectSource implements BlobSource {
        private final String key;
        private final String hex;
        private final long size;
        private volatile Instant lastModified;

        ObjectSource(String key, String hex, long size, Instant lastModified) {
            this.key = key;
            this.hex = hex;
            this.size = size;
            this.lastModified = lastModified;
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            if (length <= 0) {
                return InputStream.nullInputStream();
            }
            S3ReadCache local = cache;
            if (local != null) {
                Optional<Path> cached = local.get(hex);
                if (cached.isEmpty() && local.admits(size)) {
                    try {
                        cached = Optional.of(local.fill(hex, size, () -> fetch(0, size)));
                    } catch (IOException e) {
                        // the bucket's own answer below says what is wrong
                    }
                }
                if (cached.isPresent()) {
                    try {
                        return BlobSource.file(cached.get()).open(start, length);
                    } catch (NoSuchFileException e) {
                        // evicted meanwhile: read from the bucket
                    }
                }
            }
            return fetch(start, length);
        }

        private InputStream fetch(long start, long length) throws IOException {
            String range = "bytes=" + start + "-" + (start + length - 1);
            ResponseInputStream<GetObjectResponse> body;
            try {
                body = call("read " + key, () -> s3.getObject(b -> b.bucket(bucket).key(key).range(range)));
            } catch (DomainException e) {
                throw new IOException(e.getMessage(), e);
            }
            return new ObjectStream(body, length);
        }

        @Override
        public Instant lastModified() {
            Instant known = lastModified;
            if (known == null) {
                known = head(key).map(HeadObjectResponse::lastModified).orElse(null);
                lastModified = known;
            }
            return known;
        }

        @Override
        public boolean exists() {
            return head(key).isPresent();
        }

        @Override
        public Optional<URI> redirect() {
            if (presigner == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(presignFor)
                        .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI());
            } catch (java.net.URISyntaxException e) {
                return Optional.empty();
            }
        }
    }

    /** A ranged GET's body; closing it early aborts the connection instead of draining the rest. */
    private static final class ObjectStream extends java.io.FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> body;
        private long remaining;

        ObjectStream(ResponseInputStream<GetObjectResponse> body, long length) {
            super(body);
            this.body = body;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (remaining > 0) {
                body.abort();
            }
            super.close();
        }
    }

    @Override
    public boolean delete(String digest) {
        String key = key(digest);
        forgetCached(BlobDigests.hex(digest));
        if (head(key).isEmpty()) {
            return false;
        }
        call("delete " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        return true;
    }

    /** Readiness: the bucket answers (exists and these credentials may use it). */
    public void checkBucket() {
        call("reach bucket " + bucket, () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    // ------------------------------------------------------------------------------------------ backup

    /**
     * Copies every blob object under the prefix into {@code dir}, each at the path the path template gives its
     * digest (the layout of a file system store); an object deleted since the listing is skipped. Returns how many
     * objects are in {@code dir} now.
     */
    public long exportTo(Path dir) throws IOException {
        long exported = 0;
        for (S3Object object : call("list " + bucket + "/" + prefix, () -> s3.listObjectsV2Paginator(
                b -> b.bucket(bucket).prefix(prefix)).contents())) {
            Optional<String> hex = object.key().startsWith(prefix)
                    ? template.digestOf(object.key().substring(prefix.length())) : Optional.empty();
            if (hex.isEmpty()) {
                continue;
            }
            Path target = dir.resolve(template.render(hex.get()));
            if (Files.isRegularFile(target) && Files.size(target) == object.size()) {
                exported++;
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try (InputStream in = call("read " + object.key(), () -> {
                try {
                    return s3.getObject(b -> b.bucket(bucket).key(object.key()));
                } catch (NoSuchKeyException e) {
                    return null;
                }
            })) {
                if (in == null) {
                    continue; // swept since the listing: no snapshot can reference it
                }
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            exported++;
        }
        return exported;
    }

    /**
     * Uploads every blob file under {@code dir} (the layout {@link #exportTo} writes) whose object is missing, each
     * through the normal put so its digest is checked against its address. Returns how many it uploaded.
     */
    public long importFrom(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long imported = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Optional<String> hex = template.digestOf(dir.relativize(file).toString()
                    .replace(file.getFileSystem().getSeparator(), "/"));
            if (hex.isEmpty() || stat(BlobDigests.of(hex.get())).isPresent()) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                put(in, Long.MAX_VALUE, 0, BlobDigests.of(hex.get()));
            }
            imported++;
        }
        return imported;
    }

    // ---------------------------------------------------------------------------------------------- GC

    /**
     * Lists every blob object (with its last-modified time for the grace window) and decides each under its
     * digest's lock: leased, young or referenced stays; the rest is condemned and deleted in batches of up to
     * {@value #DELETE_BATCH} keys. {@code each} hears every decision, after the batch for deleted ones.
     */
    public void sweep(Instant cutoff, Predicate<String> referenced, boolean dryRun, BooleanSupplier cancelled,
                      BiConsumer<String, SweepResult> each) {
        List<S3Object> batch = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            for (S3Object object : call("list " + bucket + "/" + prefix, () -> s3.listObjectsV2Paginator(
                    b -> b.bucket(bucket).prefix(prefix)).contents())) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                Optional<String> hex = object.key().startsWith(prefix)
                        ? template.digestOf(object.key().substring(prefix.length())) : Optional.empty();
                if (hex.isEmpty()) {
                    continue;
                }
                SweepResult decided = decide(hex.get(), object, cutoff, referenced, dryRun, done);
                if (decided == null) {
                    batch.add(object);
                    if (batch.size() == DELETE_BATCH) {
                        deleteBatch(batch, done, each);
                        batch = new ArrayList<>();
                        done = new CompletableFuture<>();
                    }
                } else {
                    each.accept(BlobDigests.of(hex.get()), decided);
                }
            }
        } finally {
            deleteBatch(batch, done, each);
        }
    }

    /** The outcome for one listed object, or null when it is condemned (marked for the next batch delete). */
    private SweepResult decide(String hex, S3Object object, Instant cutoff, Predicate<String> referenced,
                               boolean dryRun, CompletableFuture<Void> batch) {
        SharedLeases sharedLeases = shared;
        if (sharedLeases != null) {
            return leases.underLock(hex, () -> sharedLeases.exclusive(hex, leasedElsewhere -> {
                SweepResult kept = keptOrNull(hex, object, cutoff, referenced, dryRun, leasedElsewhere);
                if (kept != null) {
                    return kept;
                }
                // deleted before the exclusion ends: a put on another node registers only after it
                call("delete " + object.key(), () -> s3.deleteObject(b -> b.bucket(bucket).key(object.key())));
                forgetCached(hex);
                return new SweepResult(SweepResult.Outcome.DELETED, object.size());
            }));
        }
        return leases.underLock(hex, () -> {
            SweepResult kept = keptOrNull(hex, object, cutoff, referenced, dryRun, false);
            if (kept == null) {
                condemned.put(hex, batch);
            }
            return kept;
        });
    }

    /** Why the object stays (leased, young, referenced, or a dry run's would-delete), or null when it goes. */
    private SweepResult keptOrNull(String hex, S3Object object, Instant cutoff, Predicate<String> referenced,
                                   boolean dryRun, boolean leasedElsewhere) {
        if (leasedElsewhere || leases.leased(hex)) {
            return new SweepResult(SweepResult.Outcome.LEASED, 0);
        }
        if (!object.lastModified().isBefore(cutoff)) {
            return new SweepResult(SweepResult.Outcome.YOUNG, object.size());
        }
        if (referenced.test(BlobDigests.of(hex))) {
            return new SweepResult(SweepResult.Outcome.REFERENCED, object.size());
        }
        if (dryRun) {
            return new SweepResult(SweepResult.Outcome.WOULD_DELETE, object.size());
        }
        return null;
    }

    private void deleteBatch(List<S3Object> batch, CompletableFuture<Void> done,
                             BiConsumer<String, SweepResult> each) {
        if (batch.isEmpty()) {
            done.complete(null);
            return;
        }
        Set<String> failed = new java.util.HashSet<>();
        try {
            List<ObjectIdentifier> ids = batch.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build())
                    .toList();
            if (batchDeletes) {
                try {
                    DeleteObjectsResponse response = call("delete " + ids.size() + " objects", () -> s3.deleteObjects(
                            b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build())));
                    response.errors().forEach(e -> failed.add(e.key()));
                    return;
                } catch (DomainException e) {
                    if (!(e.getCause() instanceof S3Exception s3e) || s3e.statusCode() != 501) {
                        throw e;
                    }
                    // Some S3-compatible servers refuse the checksum header the SDK sends with DeleteObjects.
                    batchDeletes = false;
                }
            }
            for (ObjectIdentifier id : ids) {
                call("delete " + id.key(), () -> s3.deleteObject(b -> b.bucket(bucket).key(id.key())));
            }
        } catch (RuntimeException e) {
            batch.forEach(o -> failed.add(o.key()));
            throw e;
        } finally {
            for (S3Object object : batch) {
                String hex = template.digestOf(object.key().substring(prefix.length())).orElseThrow();
                forgetCached(hex);
                condemned.remove(hex);
                if (!failed.contains(object.key())) {
                    each.accept(BlobDigests.of(hex), new SweepResult(SweepResult.Outcome.DELETED, object.size()));
                }
            }
            done.complete(null);
        }
    }

    private void forgetCached(String hex) {
        S3ReadCache local = cache;
        if (local != null) {
            local.forget(hex);
        }
    }

    /**
     * Deletes local staging files older than {@code cutoff} (crashed uploads) and aborts multipart uploads under
     * the prefix initiated before it that no upload of this process is running; returns how many were removed.
     */
    public int purgeStaging(Instant cutoff) throws IOException {
        int purged = 0;
        if (Files.isDirectory(staging)) {
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (!activeStaging.contains(file) && modifiedBefore(file, cutoff) && Files.deleteIfExists(file)) {
                        purged++;
                    }
                }
            }
        }
        return purged + abortStaleUploads(cutoff);
    }

    /** Aborts multipart uploads under the prefix initiated before {@code cutoff}; returns the count. */
    public int abortStaleUploads(Instant cutoff) {
        int aborted = 0;
        for (MultipartUpload upload : call("list multipart uploads", () -> s3.listMultipartUploadsPaginator(
                b -> b.bucket(bucket).prefix(prefix)).uploads())) {
            if (activeUploads.contains(upload.uploadId()) || upload.initiated() == null
                    || !upload.initiated().isBefore(cutoff)) {
                continue;
            }
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                aborted++;
            } catch (NoSuchUploadException e) {
                // completed or aborted meanwhile
            }
        }
        return aborted;
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Number of digests publishes currently hold a lease on (for tests and diagnostics). */
    public int activeLeases() {
        return leases.active();
    }

    /**
     * Runs one S3 call (the client retries throttling, timeouts and resets within its bounded policy); what still
     * fails becomes {@link ErrorCode#BLOB_STORE_UNAVAILABLE}: the caller answers 503 and indexes nothing.
     */
    private <T> T call(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (SdkException e) {
            throw new DomainException(ErrorCode.BLOB_STORE_UNAVAILABLE, "Blob store bucket " + bucket
                    + " could not " + what + ": " + firstLine(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw new DomainException(ErrorCode.BLOB_STORE_UNAVAILABLE, "Blob store bucket " + bucket
                    + " could not " + what + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
