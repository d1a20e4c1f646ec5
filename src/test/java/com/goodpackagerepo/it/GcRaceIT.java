package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The publish/sweep race over HTTP: workers repeatedly publish A, delete A, sweep (every other iteration waiting
 * for a sweep that started after the delete, else only asking for one) and publish B with A's bytes, while a
 * sweeper keeps real runs with no grace window going back to back. Whatever the interleaving
 * (the sweep deleting A's file just before, during or after B's publish), every artifact left must download
 * with its digest's bytes: the blob lease and the reference check under the digest's lock, against committed
 * LMDB state, make "metadata pointing at a missing file" impossible.
 */
class GcRaceIT {
    static final int WORKERS = 4;
    static final int ITERATIONS = 40;

    /** gpr_gc_swept_blobs_total from /metrics (every run's deletions, whoever started it). */
    static double sweptBlobs() {
        return Http.get("/metrics", Http.SCRAPE).body().lines().filter(l -> l.startsWith("gpr_gc_swept_blobs_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void deleteSweepRepublishTheSameBytesNeverLosesABlob() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("race");
        AtomicBoolean done = new AtomicBoolean();
        double sweptBefore = sweptBlobs();
        ConcurrentLinkedQueue<String> published = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        try {
            Future<?> sweeper = pool.submit(() -> {
                while (!done.get()) {
                    JsonNode run = Gc.run("{\"dry_run\":false,\"grace_seconds\":0}");
                    assertEquals("completed", run.path("state").asText(), run.toString());
                    assertEquals(0, run.path("errors").asInt(), run.toString());
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < ITERATIONS; i++) {
                        String bytes = ns + " worker " + worker + " iteration " + i;
                        String a = "a" + worker;
                        String version = "1.0." + i;
                        assertEquals(201, Artifacts.publish(admin, ns, a, version, "x", bytes).status());
                        assertEquals(200, Http.delete("/admin/artifacts/" + ns + "/" + a + "/" + version + "/x",
                                admin).status());
                        if (i % 2 == 0) {
                            // half the iterations: a sweep that started after the delete has finished, so A's
                            // file is gone and B's publish must store the bytes again
                            Gc.awaitSweepAfter(Instant.now());
                        } else {
                            // the other half: B's publish races the running sweeps (and adopts A's file)
                            int status = Http.postJson("/admin/gc/runs", admin,
                                    "{\"dry_run\":false,\"grace_seconds\":0}").status();
                            assertTrue(status == 202 || status == 409, "start: " + status);
                            Gc.sleep(ThreadLocalRandom.current().nextInt(5));
                        }
                        String b = "b" + worker;
                        Http.Reply publish = Artifacts.publish(admin, ns, b, version, "x", bytes);
                        assertEquals(201, publish.status(), publish.body());
                        assertEquals(Artifacts.sha256(bytes), publish.json().path("digest").asText());
                        published.add(b + "/" + version);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            done.set(true);
            sweeper.get();
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertEquals(WORKERS * ITERATIONS, published.size());
        assertTrue(sweptBlobs() - sweptBefore >= WORKERS * ITERATIONS / 2,
                "the sweeps deleted (at least) the file of every A whose iteration waited for a sweep");

        // one more sweep after the storm, then every artifact must still be whole
        JsonNode last = Gc.run("{\"dry_run\":false,\"grace_seconds\":0}");
        assertEquals(0, last.path("errors").asInt(), last.toString());
        int checked = 0;
        for (int w = 0; w < WORKERS; w++) {
            for (String version : GcRetentionIT.versions(ns, "b" + w)) {
                String v = version.substring(0, version.indexOf('/'));
                Http.Reply blob = Http.get(Artifacts.blobPath(ns, "b" + w, v, "x"), admin);
                assertEquals(200, blob.status(), "b" + w + " " + v + ": " + blob.body());
                assertEquals(ns + " worker " + w + " iteration " + v.substring(4), blob.body());
                assertEquals(Artifacts.sha256(blob.body()), blob.header("ETag").replace("\"", ""));
                checked++;
            }
            assertTrue(GcRetentionIT.versions(ns, "a" + w).isEmpty());
        }
        assertEquals(WORKERS * ITERATIONS, checked);
    }
}
