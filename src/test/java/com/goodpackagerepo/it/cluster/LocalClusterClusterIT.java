package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/local-cluster.sh itself: every node ready, HAProxy routes around a killed node, a restarted one returns. */
class LocalClusterClusterIT {

    @Test
    void everyNodeAndTheLoadBalancerAreReady() {
        for (int k = 1; k <= ClusterNodes.count(); k++) {
            assertEquals(200, ClusterNodes.status(ClusterNodes.url(k), "/health/ready"), "node " + k);
            ClusterNodes.admin(k); // the one bootstrap admin logs in on every node
        }
        assertEquals(200, ClusterNodes.status(ClusterNodes.lb(), "/health/ready"));
    }

    /**
     * The nodes were started at once ({@code up} launches them together): between them exactly one imported the
     * seed, created the bootstrap admin and generated the first signing key, judged by what each node logged
     * before its application had started (later restarts and key rotations append below that).
     */
    @Test
    void nodesStartedAtOnceSeedCreateTheAdminAndTheFirstKeyExactlyOnce() throws Exception {
        int seeds = 0;
        int admins = 0;
        int keys = 0;
        for (int k = 1; k <= ClusterNodes.count(); k++) {
            for (String line : firstStart(k)) {
                seeds += line.contains("imported seed schema from") ? 1 : 0;
                admins += line.contains("created user admin") ? 1 : 0;
                keys += line.contains("generated token signing key") ? 1 : 0;
            }
        }
        assertEquals(1, seeds, "seed imports");
        assertEquals(1, admins, "bootstrap admins");
        assertEquals(1, keys, "first signing keys");
        // and they ended in the same state: a token issued by one verifies on every other
        String token = ClusterNodes.admin(1);
        for (int k = 2; k <= ClusterNodes.count(); k++) {
            assertEquals(200, ClusterNodes.get(ClusterNodes.url(k), "/auth/me", token).status(), "node " + k);
        }
    }

    private static List<String> firstStart(int k) throws Exception {
        Path log = Path.of(System.getProperty("it.cluster.dir", "target/local-cluster"), "node" + k + ".log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int started = 0;
        while (started < lines.size() && !lines.get(started).contains("CWWKZ0001I")) {
            started++;
        }
        return lines.subList(0, started);
    }

    @Test
    void theLoadBalancerRoutesAroundAKilledNodeAndTheRestartedNodeComesBack() {
        int last = ClusterNodes.count();
        ClusterNodes.kill(last);
        assertEquals(0, ClusterNodes.status(ClusterNodes.url(last), "/health/ready"), "killed node still answers");
        // after HAProxy's checks mark it down (2 × 1 s), every request through it lands on a live node
        ClusterNodes.await("HAProxy routes around node " + last, Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 2 * ClusterNodes.count(); i++) {
                if (ClusterNodes.status(ClusterNodes.lb(), "/health/ready") != 200) {
                    return false;
                }
            }
            return true;
        });
        for (int i = 0; i < 20; i++) {
            assertEquals(200, ClusterNodes.status(ClusterNodes.lb(), "/health/ready"), "request " + i);
        }
        ClusterNodes.start(last);
        assertEquals(200, ClusterNodes.status(ClusterNodes.url(last), "/health/ready"));
        ClusterNodes.admin(last);
    }
}
