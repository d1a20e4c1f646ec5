package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** kv.cas_put if_absent is atomic: 16 concurrent publishes of one key give one 201 and fifteen 409s. */
class PublishRaceIT {

    @Test
    void sixteenConcurrentPublishesHaveOneWinner() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String content = "contender-" + i;
            replies.add(pool.submit(() -> {
                start.await();
                return Artifacts.publish(admin, ns, "app", "1.0.0", "x", content);
            }));
        }
        start.countDown();
        int created = 0;
        int conflicts = 0;
        String winnerDigest = null;
        for (Future<Http.Reply> f : replies) {
            Http.Reply r = f.get();
            if (r.status() == 201) {
                created++;
                winnerDigest = r.json().path("digest").asText();
            } else if (r.status() == 409) {
                conflicts++;
                assertEquals("ALREADY_EXISTS", r.errorCode());
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(15, conflicts);
        String stored = Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), admin).body();
        assertEquals(winnerDigest, Artifacts.sha256(stored));
        assertEquals(1, Http.get("/v1/" + ns + "/app/versions", admin).json().path("versions").size());
    }

    @Test
    void concurrentPublishesOfDifferentArtifactsAllSucceed() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("parallel");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String version = "1.0." + i;
            replies.add(pool.submit(() -> Artifacts.publish(admin, ns, "app", version, "x", "body " + version)));
        }
        for (Future<Http.Reply> f : replies) {
            assertEquals(201, f.get().status());
        }
        pool.shutdown();
        assertEquals("1.0.31", Http.get("/v1/" + ns + "/app/latest", admin).json().path("version").asText());
    }
}
