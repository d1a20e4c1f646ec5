package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.engines.S3Servers;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publish/sweep race of {@link PublishSweepRaceTest} with the blobs in an S3 bucket (s3proxy): "delete A, run the
 * collector with a zero grace window, publish B with A's bytes" at once, several pairs per round. Only the leases
 * and the condemned-batch hand-over protect a blob; afterwards every B's object exists with A's bytes.
 */
@org.junit.jupiter.api.Tag("s3")
class S3PublishSweepRaceTest {
    static final int ROUNDS = 8;
    static final int PAIRS = 3;

    @TempDir
    Path dir;

    @Test
    void everyPublishedArtifactKeepsItsObject() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        String bucket = "gpr-race-" + System.nanoTime();
        try (S3Client admin = S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(URI.create(server.endpoint())).credentialsProvider(S3Servers.credentials())
                .forcePathStyle(true).httpClient(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            admin.createBucket(b -> b.bucket(bucket));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2 * PAIRS + 1);
        try (GcFixture f = new GcFixture(dir, s -> {
            GcFixture.retention(s, 0, true);
            ObjectNode stores = (ObjectNode) s.path("storage").path("blob_stores");
            ObjectNode def = server.storeDefinition(bucket, "race/");
            def.set("limits", stores.path("primary").path("limits"));
            stores.set("primary", def);
        })) {
            S3BlobStore blobs = (S3BlobStore) f.harness.stores().blobStore("primary");
            List<String[]> published = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                List<String> contents = new ArrayList<>();
                for (int k = 0; k < PAIRS; k++) {
                    String content = "s3 round " + round + " pair " + k;
                    contents.add(content);
                    f.publish("race", "a" + k, "1.0." + round, "x", content);
                }
                CyclicBarrier start = new CyclicBarrier(2 * PAIRS + 1);
                List<Future<?>> deletes = new ArrayList<>();
                List<Future<String>> publishes = new ArrayList<>();
                for (int k = 0; k < PAIRS; k++) {
                    String key = "artifact/race/a" + k + "/1.0." + round + "/x";
                    String content = contents.get(k);
                    String version = "1.0." + round;
                    String name = "b" + k;
                    deletes.add(pool.submit(() -> {
                        start.await();
                        f.deletion().delete(key, ArtifactDeletion.TagPolicy.REFUSE, "admin", "race");
                        return null;
                    }));
                    publishes.add(pool.submit(() -> {
                        start.await();
                        return f.publish("race", name, version, "x", content);
                    }));
                }
                Future<GcRun> run = pool.submit(() -> {
                    start.await();
                    return f.gc(false, 0);
                });
                for (int k = 0; k < PAIRS; k++) {
                    deletes.get(k).get();
                    published.add(new String[] {publishes.get(k).get(), contents.get(k)});
                }
                assertEquals(GcRun.State.COMPLETED, run.get().state());
                assertEquals(0, blobs.activeLeases());
            }
            f.gc(false, 0); // the A's are gone, the B's referenced
            for (String[] b : published) {
                BlobRef blob = blobs.stat(b[0]).orElseThrow(() -> new AssertionError("object of " + b[1] + " missing"));
                try (InputStream in = blob.open()) {
                    assertEquals(b[1], new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
