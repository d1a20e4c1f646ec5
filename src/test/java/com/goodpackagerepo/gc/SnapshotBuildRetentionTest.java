package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.maven.MavenSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven snapshot retention: the newest keep_snapshot_builds timestamped builds of each -SNAPSHOT stay. */
class SnapshotBuildRetentionTest {
    @TempDir
    Path dir;

    private static void keepBuilds(ObjectNode schema, int keep) {
        GcFixture.retention(schema, 50, true);
        schema.set("maven", Json.parse("{\"repositories\":{\"releases\":{\"policy\":\"release\"},"
                + "\"snapshots\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":" + keep + "}}}"));
    }

    @Test
    void keepsTheNewestBuildsOfEachSnapshotAndEveryRelease() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> keepBuilds(s, 2))) {
            for (String build : List.of("1.0-20261203.100000-1", "1.0-20261203.110000-2", "1.0-20261203.120000-3",
                    "2.0-20261203.100000-1")) {
                f.publish("com.example", "lib", build, "jar", "jar " + build);
                f.publish("com.example", "lib", build, "pom", "pom " + build);
            }
            f.publish("com.example", "lib", "0.9", "jar", "release");
            GcRun run = f.gc(false, 0);
            assertEquals(GcRun.State.COMPLETED, run.state());
            assertEquals(2, run.artifactsDeleted(), "build 1 of 1.0-SNAPSHOT, jar and pom");
            List<String> left = f.versions("com.example", "lib");
            assertEquals(7, left.size(), left.toString());
            assertEquals(0, left.stream().filter(v -> v.startsWith("1.0-20261203.100000-1/")).count(), left.toString());
        }
    }

    @Test
    void zeroInAnySnapshotRepositoryKeepsEveryBuild() throws Exception {
        ObjectNode schema = (ObjectNode) Json.parse(java.nio.file.Files.readAllBytes(Path.of("seed/schema.json")));
        schema.set("maven", Json.parse("{\"repositories\":{\"a\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":3},"
                + "\"b\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":0}}}"));
        assertEquals(0, SnapshotBuildRetention.keep(MavenSettings.read(schema)));
        schema.set("maven", Json.parse("{\"repositories\":{\"a\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":3},"
                + "\"b\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":5}}}"));
        assertEquals(5, SnapshotBuildRetention.keep(MavenSettings.read(schema)));
    }
}
