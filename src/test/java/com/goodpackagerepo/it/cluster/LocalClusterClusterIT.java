package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
