package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.blob.SweepResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race the collector must win: "delete A, sweep, publish B with A's bytes", many times, on several
 * threads at once, with a grace window of zero (so only the leases and the reference index protect a blob).
 * Afterwards every artifact's blob exists and hashes to its digest. Without the lease (a publish that drops
 * its staged copy because the file exists, then loses the file to the sweep before its metadata commits)
 * this fails within a few rounds.
 */
class PublishSweepRaceTest {
    private static final Logger LOG = Logger.getLogger(PublishSweepRaceTest.class.getName());
    static final int ROUNDS = 40;
    static final int PAIRS = 4;

    @TempDir
    Path dir;

    @Test
    void everyPublishedArtifactKeepsItsBytes() throws Exception {
        race(0);
    }

    /**
     * The same race with the small blobs committed into LMDB: a publish writes its blob (if absent) in the
     * transaction of its document, and the sweep decides in one write transaction with the reference index.
     */
    @Test
    void everyPublishedInlineArtifactKeepsItsBytes() throws Exception {
        race(64 * 1024);
    }

    private void race(long inlineMaxBytes) throws Exception {
        Map<SweepResult.Outcome, Integer> outcomes = new EnumMap<>(SweepResult.Outcome.class);
        ExecutorService pool = Executors.newFixedThreadPool(2 * PAIRS + 1);
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true), inlineMaxBytes)) {
            for (int round = 0; round < ROUNDS; round++) {
                List<String> contents = new ArrayList<>();
                List<String> digests = new ArrayList<>();
                for (int k = 0; k < PAIRS; k++) {
                    String content = "round " + round + " pair " + k;
                    contents.add(content);
                    digests.add(f.publish("race", "a" + k, "1.0." + round, "x", content));
                }
                CyclicBarrier start = new CyclicBarrier(2 * PAIRS + 1);
                List<Future<SweepResult.Outcome>> sweeps = new ArrayList<>();
                List<Future<String>> publishes = new ArrayList<>();
                for (int k = 0; k < PAIRS; k++) {
                    String key = "artifact/race/a" + k + "/1.0." + round + "/x";
                    String digest = digests.get(k);
                    String content = contents.get(k);
                    String version = "1.0." + round;
                    String name = "b" + k;
                    sweeps.add(pool.submit(() -> {
                        start.await();
                        f.deletion().delete(key, ArtifactDeletion.TagPolicy.REFUSE, "admin", "race");
                        return f.blobs().sweep(digest, Instant.now(), f.metadata()::blobReferenced, false).outcome();
                    }));
                    publishes.add(pool.submit(() -> {
                        start.await();
                        return f.publish("race", name, version, "x", content);
                    }));
                }
                Future<GcRun> fullRun = pool.submit(() -> {
                    start.await();
                    return f.gc(false, 0);
                });
                for (int k = 0; k < PAIRS; k++) {
                    assertEquals(digests.get(k), publishes.get(k).get(), "B carries A's bytes");
                    outcomes.merge(sweeps.get(k).get(), 1, Integer::sum);
                }
                assertEquals(GcRun.State.COMPLETED, fullRun.get().state());
                assertEquals(0, f.blobs().activeLeases(), "every lease released when its pipeline ended");
            }
            LOG.info(() -> "sweep outcomes over " + ROUNDS * PAIRS + " races: " + outcomes);
            assertEquals(ROUNDS * PAIRS, f.assertEveryArtifactIntact(), "every B is intact, every A deleted");
            GcRun last = f.gc(false, 0);
            assertEquals(0, last.swept(), "nothing unreferenced is left");
            assertTrue(last.marked() >= ROUNDS * PAIRS);
        } finally {
            pool.shutdownNow();
        }
    }
}
