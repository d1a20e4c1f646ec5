package com.goodpackagerepo.storage.engines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.goodpackagerepo.schema.BlobStoreDef;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Faults between the store and its bucket: a WireMock proxy in front of S3Mock answers 503 SlowDown, resets the
 * connection, stalls past the read timeout or is not there at all. Transient faults are retried within the bounded
 * policy; lasting ones fail the call as BLOB_STORE_UNAVAILABLE within a bounded time and leave nothing stored.
 */
@org.junit.jupiter.api.Tag("s3")
class S3FaultTest {
    private static final int PORT = Integer.getInteger("it.s3fault.port", 9397);
    private static final S3StoreOpener.Policy POLICY = new S3StoreOpener.Policy(4, Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(1000), S3BlobStore.MIN_PART_BYTES);
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";
    /** Four attempts with backoff of at most 200 ms, each bounded by the 1 s read timeout, plus slack. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    @TempDir
    Path staging;

    private WireMockServer proxy;
    private S3Servers.Server backend;
    private String bucket;
    private S3BlobStore store;

    @BeforeEach
    void start() {
        backend = S3Servers.s3mock();
        proxy = new WireMockServer(options().port(PORT).bindAddress("127.0.0.1"));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(backend.endpoint())));
        bucket = "gpr-fault-" + System.nanoTime();
        try (S3Client admin = S3BlobStoreTest.admin(backend.endpoint())) {
            admin.createBucket(b -> b.bucket(bucket));
        }
        ObjectNode def = backend.storeDefinition(bucket, "blobs/");
        def.put("endpoint", "http://127.0.0.1:" + PORT);
        store = S3StoreOpener.open(BlobStoreDef.read("s3", def), staging, S3Servers.credentials(), POLICY);
    }

    @AfterEach
    void stop() {
        proxy.stop();
    }

    /** {@code times} faulty answers to matching requests, then the proxy again. */
    private void faultFirst(java.util.function.Supplier<MappingBuilder> match, ResponseDefinitionBuilder fault, int times) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            proxy.stubFor(match.get().inScenario("fault").whenScenarioStateIs(state).willReturn(fault)
                    .willSetStateTo("after-" + i).atPriority(1));
            state = "after-" + i;
        }
    }

    private List<S3Object> stored() {
        try (S3Client admin = S3BlobStoreTest.admin(backend.endpoint())) {
            return admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
        }
    }

    @Test
    void throttlingIsRetried() throws Exception {
        faultFirst(() -> put(urlPathMatching("/" + bucket + "/blobs/.*")), aResponse().withStatus(503).withBody(SLOW_DOWN), 2);
        byte[] data = S3BlobStoreTest.random(4096, 1);

        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);

        proxy.verify(3, putRequestedFor(urlPathMatching("/" + bucket + "/blobs/.*")));
        assertEquals(1, stored().size());
        try (InputStream in = store.stat(blob.digest()).orElseThrow().open()) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void aConnectionResetIsRetried() throws Exception {
        byte[] data = S3BlobStoreTest.random(4096, 2);
        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        faultFirst(() -> request("HEAD", urlPathMatching("/" + bucket + "/blobs/.*")),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 1);

        assertEquals(data.length, store.stat(blob.digest()).orElseThrow().size());
    }

    @Test
    void stalledAnswersTimeOutAreRetriedAndFailWithinABound() throws Exception {
        byte[] data = S3BlobStoreTest.random(4096, 3);
        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        proxy.stubFor(request("HEAD", urlPathMatching("/" + bucket + "/blobs/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

        long started = System.nanoTime();
        DomainException e = assertThrows(DomainException.class, () -> store.stat(blob.digest()));

        assertEquals(ErrorCode.BLOB_STORE_UNAVAILABLE, e.code());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
        // one HEAD by the put (before the stall), then the stat's four attempts
        proxy.verify(5, com.github.tomakehurst.wiremock.client.WireMock.requestedFor("HEAD",
                urlPathMatching("/" + bucket + "/blobs/.*")));
    }

    @Test
    void lastingThrottlingFailsTheUploadWithinABoundAndStoresNothing() throws Exception {
        proxy.stubFor(put(urlPathMatching("/" + bucket + "/blobs/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody(SLOW_DOWN)));

        long started = System.nanoTime();
        DomainException e = assertThrows(DomainException.class,
                () -> store.put(new ByteArrayInputStream(S3BlobStoreTest.random(4096, 4)), Long.MAX_VALUE, 0, null));

        assertEquals(ErrorCode.BLOB_STORE_UNAVAILABLE, e.code());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
        proxy.verify(4, putRequestedFor(urlPathMatching("/" + bucket + "/blobs/.*")));
        assertEquals(List.of(), stored());
        assertEquals(0, store.activeLeases());
        try (var files = Files.list(staging)) {
            assertTrue(files.findAny().isEmpty(), "the staged copy is removed");
        }
    }

    @Test
    void aFailingPartAbortsTheMultipartUpload() throws Exception {
        proxy.stubFor(put(urlPathMatching("/" + bucket + "/blobs/.*")).withQueryParam("partNumber",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("2")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody(SLOW_DOWN)));
        byte[] data = S3BlobStoreTest.random((int) (2 * S3BlobStore.MIN_PART_BYTES + 10), 5);

        DomainException e = assertThrows(DomainException.class,
                () -> store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null));

        assertEquals(ErrorCode.BLOB_STORE_UNAVAILABLE, e.code());
        assertEquals(List.of(), stored());
        proxy.resetAll(); // the bucket answers again: whatever the failed put could not abort, GC collects
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(backend.endpoint())));
        store.abortStaleUploads(java.time.Instant.now().plusSeconds(3600));
        try (S3Client admin = S3BlobStoreTest.admin(backend.endpoint())) {
            assertEquals(0, admin.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
        }
    }

    @Test
    void aDeadServerFailsFastAndFailsReadiness() {
        proxy.stop();
        long started = System.nanoTime();
        DomainException e = assertThrows(DomainException.class, () -> store.stat(
                "sha256:" + "0".repeat(64)));
        assertEquals(ErrorCode.BLOB_STORE_UNAVAILABLE, e.code());
        assertThrows(DomainException.class, store::checkBucket);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
    }
}
