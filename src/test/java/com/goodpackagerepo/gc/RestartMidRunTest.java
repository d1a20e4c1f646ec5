package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.schema.RepositorySchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies in the middle of a sweep leaves a consistent store: every artifact intact, some garbage
 * gone, the rest still there; after the restart the run's record says "interrupted" and the next run frees the
 * rest.
 */
class RestartMidRunTest {
    @TempDir
    Path dir;

    /** Stands for the process dying: an Error no one catches, so not even the run's final record is written. */
    static final class Crash extends Error {
    }

    /** A clock that dies on its n-th reading: the sweep reads the clock once per blob file. */
    static final class DyingClock extends Clock {
        final AtomicInteger left;

        DyingClock(int readings) {
            left = new AtomicInteger(readings);
        }

        @Override
        public Instant instant() {
            if (left.decrementAndGet() < 0) {
                throw new Crash();
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aRunCutShortIsSafeAndTheNextRunFinishesTheJob() throws Exception {
        Consumer<ObjectNode> schema = s -> GcFixture.retention(s, 0, true);
        List<String> garbage = new ArrayList<>();
        String runId;
        try (GcFixture f = new GcFixture(dir, schema)) {
            for (int i = 0; i < 10; i++) {
                String kept = f.publish("acme", "app", "1.0." + i, "x", "kept " + i);
                String deleted = f.publish("acme", "app", "2.0." + i, "x", "deleted " + i);
                f.deletion().delete("artifact/acme/app/2.0." + i + "/x", ArtifactDeletion.TagPolicy.REFUSE, "admin", "t");
                String orphan = f.blobs().put(new ByteArrayInputStream(("orphan " + i).getBytes(StandardCharsets.UTF_8)),
                        1000, 0, null).digest();
                for (String digest : List.of(kept, deleted, orphan)) {
                    f.age(digest, Duration.ofDays(30));
                }
                garbage.add(deleted);
                garbage.add(orphan);
            }
            GcRun run = new GcRun(GcRunStore.newId(Instant.now()), "test", "tester", false, 3600, Instant.now());
            runId = run.id();
            GcRunner dying = new GcRunner(f.harness.stores(), f.harness.compiled(), () -> { },
                    new DyingClock(14), r -> { });
            assertThrows(Crash.class, () -> dying.run(run, GcPolicy.from(RepositorySchema.read(f.schema))));

            long gone = garbage.stream().filter(d -> !f.blobExists(d)).count();
            assertTrue(gone > 0 && gone < garbage.size(), "the crash came mid-sweep: " + gone + " of " + garbage.size());
            assertEquals(10, f.assertEveryArtifactIntact());
            assertEquals("running", new GcRunStore(f.metadata()).get(runId).orElseThrow().path("state").asText());
        }
        try (GcFixture restarted = new GcFixture(dir, schema)) {
            GcRunManager service = GcRunManagerTest.service(restarted, null, Optional.empty());
            service.recover();
            assertEquals("interrupted", service.get(runId).orElseThrow().path("state").asText());
            assertEquals(10, restarted.assertEveryArtifactIntact());
            GcRun next = restarted.gc(false, 3600);
            assertEquals(GcRun.State.COMPLETED, next.state());
            assertTrue(garbage.stream().noneMatch(restarted::blobExists), "the next run frees the rest");
            assertEquals(10, restarted.assertEveryArtifactIntact());
        }
    }
}
