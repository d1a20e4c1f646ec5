package com.goodpackagerepo.storage.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.schema.BlobStoreDef;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobLease;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.BlobTooLargeException;
import com.goodpackagerepo.storage.blob.DigestMismatchException;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.blob.SweepResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 blob store against s3proxy (file system backend) and Adobe S3Mock, both started by S3Servers. */
@org.junit.jupiter.api.Tag("s3")
class S3BlobStoreTest {
    static final S3StoreOpener.Policy POLICY = new S3StoreOpener.Policy(3, Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofMillis(1000), Duration.ofMillis(5000), S3BlobStore.MIN_PART_BYTES);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path staging;

    static List<S3Servers.Server> servers() {
        return S3Servers.all();
    }

    static S3Client admin(String endpoint) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
                .credentialsProvider(S3Servers.credentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A fresh bucket on {@code server} and a store over it. */
    static S3BlobStore store(S3Servers.Server server, Path staging, ObjectNode extra) {
        String bucket = "gpr-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        try (S3Client admin = admin(server.endpoint())) {
            admin.createBucket(b -> b.bucket(bucket));
        }
        ObjectNode def = server.storeDefinition(bucket, "blobs/");
        if (extra != null) {
            def.setAll(extra);
        }
        return S3StoreOpener.open(BlobStoreDef.read("s3", def), staging, S3Servers.credentials(), POLICY);
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) throws Exception {
        return BlobDigests.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    static List<S3Object> objects(S3Servers.Server server, S3BlobStore store) {
        try (S3Client admin = admin(server.endpoint())) {
            // s3proxy's file system backend lists its directories as keys ending in "/": not objects of ours
            return admin.listObjectsV2Paginator(b -> b.bucket(store.bucket())).contents().stream()
                    .filter(o -> !o.key().endsWith("/")).toList();
        }
    }

    static byte[] read(BlobRef blob, long start, long length) throws IOException {
        try (InputStream in = blob.open(start, length)) {
            return in.readAllBytes();
        }
    }

    private static boolean stagingEmpty(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aPutIsStoredUnderItsContentAddressAndReadsBackInRanges(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);
        byte[] data = random(70_000, 1);
        String digest = sha256(data);

        BlobRef put = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, digest);

        assertEquals(digest, put.digest());
        String hex = BlobDigests.hex(digest);
        assertEquals(List.of("blobs/sha256/" + hex.substring(0, 2) + "/" + hex),
                objects(server, store).stream().map(S3Object::key).toList());
        BlobRef stat = store.stat(digest).orElseThrow();
        assertEquals(data.length, stat.size());
        assertArrayEquals(data, read(stat, 0, data.length));
        byte[] middle = java.util.Arrays.copyOfRange(data, 1000, 1100);
        assertArrayEquals(middle, read(stat, 1000, 100));
        assertEquals(0, read(stat, 5, 0).length);
        assertTrue(stat.lastModified() != null);
        assertTrue(stat.source().exists());
        assertTrue(stagingEmpty(staging), "the staged copy is removed");

        assertTrue(store.delete(digest));
        assertTrue(store.stat(digest).isEmpty());
        assertFalse(stat.source().exists());
        assertFalse(store.delete(digest));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aBodyWithTheWrongDigestStoresNothing(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);
        byte[] data = random(10_000, 2);

        assertThrows(DigestMismatchException.class, () -> store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0,
                sha256(new byte[] {1})));

        assertEquals(List.of(), objects(server, store));
        assertTrue(stagingEmpty(staging));
        assertEquals(0, store.activeLeases());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aBodyOverTheLimitStoresNothing(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);

        assertThrows(BlobTooLargeException.class, () -> store.put(new ByteArrayInputStream(random(5000, 3)), 4096, 0,
                null));

        assertEquals(List.of(), objects(server, store));
        assertTrue(stagingEmpty(staging));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aLargeBodyGoesUpInPartsAndLeavesNoUploadBehind(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);
        byte[] data = random((int) (2 * S3BlobStore.MIN_PART_BYTES + 12345), 4);
        String digest = sha256(data);

        BlobRef put = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);

        assertEquals(digest, put.digest());
        BlobRef stat = store.stat(digest).orElseThrow();
        assertEquals(data.length, stat.size());
        assertArrayEquals(data, read(stat, 0, data.length));
        long start = S3BlobStore.MIN_PART_BYTES - 10;
        assertArrayEquals(java.util.Arrays.copyOfRange(data, (int) start, (int) start + 20), read(stat, start, 20),
                "a range across a part boundary");
        try (S3Client admin = admin(server.endpoint())) {
            assertEquals(0, admin.listMultipartUploads(b -> b.bucket(store.bucket())).uploads().size());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void theSameContentTwiceIsStoredOnce(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);
        byte[] data = random(3000, 5);
        store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        assertEquals(1, objects(server, store).size());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void theSweepDeletesOldUnreferencedUnleasedObjectsInABatch(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);
        String referenced = store.put(new ByteArrayInputStream(random(100, 10)), Long.MAX_VALUE, 0, null).digest();
        String garbage1 = store.put(new ByteArrayInputStream(random(100, 11)), Long.MAX_VALUE, 0, null).digest();
        String garbage2 = store.put(new ByteArrayInputStream(random(100, 12)), Long.MAX_VALUE, 0, null).digest();
        BlobLease lease = store.putLeased(new ByteArrayInputStream(random(100, 13)), Long.MAX_VALUE, 0, null);
        Map<String, SweepResult.Outcome> outcomes = new ConcurrentHashMap<>();
        Instant future = Instant.now().plusSeconds(3600);

        store.sweep(Instant.EPOCH, d -> false, false, () -> false, (d, r) -> outcomes.put(d, r.outcome()));
        assertEquals(Set.of(SweepResult.Outcome.YOUNG, SweepResult.Outcome.LEASED), Set.copyOf(outcomes.values()),
                "nothing is older than the epoch");

        outcomes.clear();
        store.sweep(future, referenced::equals, true, () -> false, (d, r) -> outcomes.put(d, r.outcome()));
        assertEquals(SweepResult.Outcome.WOULD_DELETE, outcomes.get(garbage1));
        assertEquals(4, objects(server, store).size(), "a dry run deletes nothing");

        outcomes.clear();
        store.sweep(future, referenced::equals, false, () -> false, (d, r) -> outcomes.put(d, r.outcome()));
        assertEquals(SweepResult.Outcome.REFERENCED, outcomes.get(referenced));
        assertEquals(SweepResult.Outcome.DELETED, outcomes.get(garbage1));
        assertEquals(SweepResult.Outcome.DELETED, outcomes.get(garbage2));
        assertEquals(SweepResult.Outcome.LEASED, outcomes.get(lease.blob().digest()));
        assertTrue(store.stat(garbage1).isEmpty());
        assertTrue(store.stat(referenced).isPresent());
        assertTrue(store.stat(lease.blob().digest()).isPresent());
        lease.close();
        assertEquals(0, store.activeLeases());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void abandonedMultipartUploadsAreAbortedOnceOld(S3Servers.Server server) throws Exception {
        S3BlobStore store = store(server, staging, null);
        try (S3Client admin = admin(server.endpoint())) {
            admin.createMultipartUpload(b -> b.bucket(store.bucket()).key("blobs/sha256/ab/crashed"));
            assertEquals(0, store.abortStaleUploads(Instant.now().minusSeconds(3600)), "young uploads stay");
            assertEquals(1, store.abortStaleUploads(Instant.now().plusSeconds(3600)));
            assertEquals(0, admin.listMultipartUploads(b -> b.bucket(store.bucket())).uploads().size());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aMissingBucketFailsTheReadinessCheck(S3Servers.Server server) {
        S3BlobStore store = S3StoreOpener.open(BlobStoreDef.read("s3", server.storeDefinition("no-such-bucket-gpr", "")), staging,
                S3Servers.credentials(), POLICY);
        DomainException e = assertThrows(DomainException.class, store::checkBucket);
        assertEquals(ErrorCode.BLOB_STORE_UNAVAILABLE, e.code());
        store(server, staging, null).checkBucket();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aConfiguredStoreHandsOutPresignedUrlsThatServeTheBytes(S3Servers.Server server) throws Exception {
        ObjectNode extra = com.goodpackagerepo.json.Json.object().put("presigned_redirect_seconds", 60);
        S3BlobStore store = store(server, staging, extra);
        byte[] data = random(2048, 20);
        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        URI url = store.stat(blob.digest()).orElseThrow().source().redirect().orElseThrow();
        try (InputStream in = url.toURL().openStream()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(store(server, staging, null).stat(blob.digest()).isEmpty(), "another bucket");
    }
}
