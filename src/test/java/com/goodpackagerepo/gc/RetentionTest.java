package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gc.retention keeps exactly the newest N versions (semver order, variants counted once) and tagged versions. */
class RetentionTest {
    static final List<String> VARIANTS = List.of("linux-amd64", "linux-arm64", "darwin-arm64", "windows-amd64");
    /** Published out of order; semver order newest first: 2.0.0, 2.0.0-rc.1, 1.10.0, 1.9.0, 1.0.0, 0.9.0, build-7. */
    static final List<String> VERSIONS = List.of("1.9.0", "build-7", "1.10.0", "0.9.0", "2.0.0-rc.1", "1.0.0", "2.0.0");

    @TempDir
    Path dir;

    private static void publishAll(GcFixture f, String ns) {
        for (String version : VERSIONS) {
            for (String variant : VARIANTS) {
                f.publish(ns, "app", version, variant, ns + " " + version + " " + variant);
            }
        }
    }

    private static List<String> expected(String... versions) {
        List<String> rows = new ArrayList<>();
        for (String version : versions) {
            VARIANTS.stream().sorted(java.util.Comparator.reverseOrder()).forEach(v -> rows.add(version + "/" + v));
        }
        return rows;
    }

    @Test
    void keepsTheNewestNVersionsAcrossVariantsPlusTaggedOnes() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 3, true))) {
            publishAll(f, "acme");
            f.publish("other", "lib", "1.0.0", "x", "a package with one version");
            f.tag("acme", "app", "stable", "1.0.0", "linux-arm64");
            long eventsBefore = f.metadata().length();

            GcRun run = f.gc(false, 0);

            assertEquals(GcRun.State.COMPLETED, run.state());
            List<String> phases = new ArrayList<>();
            run.toJson().path("phase_seconds").fieldNames().forEachRemaining(phases::add);
            assertEquals(List.of("retention", "sweep"), phases, "wall time per phase in the record");
            assertEquals(expected("2.0.0", "2.0.0-rc.1", "1.10.0", "1.0.0"), f.versions("acme", "app"),
                    "3 newest versions (a prerelease counts) and the tagged 1.0.0 with all its variants");
            assertEquals(List.of("1.0.0/x"), f.versions("other", "lib"));
            assertEquals(3 * VARIANTS.size(), run.artifactsDeleted(), "1.9.0, 0.9.0 and build-7 in every variant");
            assertTrue(f.metadata().get("artifact/acme/app/1.9.0/linux-amd64").isEmpty());
            assertTrue(f.metadata().get("tombstone/artifact/acme/app/1.9.0/linux-amd64").isPresent());
            assertTrue(f.metadata().get("tag/acme/app/stable").isPresent());
            List<StoredEvent> events = f.metadata().readAfter(eventsBefore, 100);
            assertEquals(3 * VARIANTS.size(), events.stream().filter(e -> e.type().equals("artifact.deleted")).count());
            assertEquals("gc.completed", events.get(events.size() - 1).type());
            assertEquals(16 + 1, f.assertEveryArtifactIntact());
            assertEquals(3 * VARIANTS.size(), run.swept(), "their blobs were referenced by nothing else");
        }
    }

    @Test
    void withoutKeepTagsForeverTaggedVersionsGoAndTheirTagsWithThem() {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 2, false))) {
            publishAll(f, "acme");
            f.tag("acme", "app", "stable", "1.0.0", "linux-arm64");
            f.tag("acme", "app", "next", "2.0.0", "linux-arm64");

            f.gc(false, 0);

            assertEquals(expected("2.0.0", "2.0.0-rc.1"), f.versions("acme", "app"));
            assertFalse(f.metadata().get("tag/acme/app/stable").isPresent(), "the tag of a deleted version is removed");
            assertTrue(f.metadata().get("tag/acme/app/next").isPresent());
        }
    }

    @Test
    void aSecondRunDeletesNothingMore() {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 2, true))) {
            publishAll(f, "acme");
            f.gc(false, 0);
            List<String> kept = f.versions("acme", "app");
            GcRun again = f.gc(false, 0);
            assertEquals(0, again.artifactsDeleted());
            assertEquals(kept, f.versions("acme", "app"));
        }
    }

    @Test
    void zeroKeepsEverything() {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 0, true))) {
            publishAll(f, "acme");
            assertEquals(0, f.gc(false, 0).artifactsDeleted());
            assertEquals(VERSIONS.size() * VARIANTS.size(), f.versions("acme", "app").size());
        }
    }

    @Test
    void packagesAndVersionsSpanningManyPagesAreEachRetainedOnce() {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 2, true))) {
            for (int p = 0; p < 12; p++) {
                for (int v = 0; v < 6; v++) {
                    for (String variant : List.of("a", "b")) {
                        f.writeArtifact("ns", "pkg" + p, "1.0." + v, variant, "sha256:" + "0".repeat(64));
                    }
                }
            }
            GcRun run = new GcRun("0000000000000-0000", "test", "tester", false, 0, java.time.Instant.now());
            new Retention(f.metadata(), f.harness.compiled(), GcPolicy.from(RepositorySchema.read(f.schema)), f.deletion(), run, 5).run();
            assertEquals(12 * 4 * 2, run.artifactsDeleted());
            for (int p = 0; p < 12; p++) {
                assertEquals(List.of("1.0.5/b", "1.0.5/a", "1.0.4/b", "1.0.4/a"), f.versions("ns", "pkg" + p));
            }
        }
    }

    @Test
    void aRunLimitedToOneNamespaceLeavesTheOthersAlone() {
        try (GcFixture f = new GcFixture(dir, s -> GcFixture.retention(s, 1, true))) {
            for (String ns : List.of("keep", "trim", "trim-more")) {
                for (int v = 0; v < 3; v++) {
                    f.writeArtifact(ns, "app", "1.0." + v, "x", "sha256:" + "0".repeat(64));
                }
            }
            GcRun run = new GcRun("0000000000000-0000", "test", "tester", false, 0, "trim", java.time.Instant.now());
            new Retention(f.metadata(), f.harness.compiled(), GcPolicy.from(RepositorySchema.read(f.schema)), f.deletion(), run).run();
            assertEquals(2, run.artifactsDeleted());
            assertEquals(List.of("1.0.2/x"), f.versions("trim", "app"));
            assertEquals(3, f.versions("keep", "app").size(), "another namespace is not touched");
            assertEquals(3, f.versions("trim-more", "app").size(), "a namespace that merely starts alike neither");
        }
    }
}
