package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: the login throttle holds for the cluster, not per node. Failed logins for one user name alternate between
 * node 1 and node 2; the user name's bucket admits {@code gpr.login.user.failures} (F) at once and refills F per
 * {@code gpr.login.user.period.seconds}. The cluster run gives the nodes a slow refill (it.cluster.login.user.period.seconds,
 * an hour) so a loaded machine, where a bcrypt check takes seconds, cannot refill the bucket meanwhile; and the
 * assertion allows exactly the refill the elapsed time permits. Per-node buckets would admit 2F.
 */
class LoginThrottleClusterIT {
    private static final int FAILURES = Integer.getInteger("it.cluster.login.user.failures", 5);
    private static final long PERIOD_SECONDS = Long.getLong("it.cluster.login.user.period.seconds", 60);

    @Test
    void failedLoginsSpreadOverTwoNodesAreLimitedLikeOnOne() {
        String admin = ClusterNodes.admin(1);
        String name = "thr" + Long.toString(System.nanoTime(), 36);
        ClusterNodes.Reply created = ClusterNodes.json("POST", ClusterNodes.url(1), "/admin/users", admin,
                "{\"username\":\"" + name + "\",\"password\":\"Long-Enough-Secret-91\",\"scopes\":[\"read\"]}");
        assertEquals(201, created.status(), created.body());
        int attempts = 2 * FAILURES + 2;
        int admitted = 0;
        List<String> outcomes = new ArrayList<>();
        boolean[] refusedOn = new boolean[3];
        long start = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            int node = 1 + i % 2;
            ClusterNodes.Reply r = ClusterNodes.json("POST", ClusterNodes.url(node), "/auth/login", null,
                    "{\"username\":\"" + name + "\",\"password\":\"wrong-password-" + i + "\"}");
            outcomes.add("node" + node + ":" + r.status());
            if (r.status() == 401) {
                admitted++;
            } else {
                assertEquals(429, r.status(), r.body());
                assertEquals("LIMIT_EXCEEDED", r.errorCode());
                assertTrue(r.body().contains("failed logins for this user"), r.body()); // the user's bucket, not the address's
                assertTrue(r.headers().containsKey("retry-after"), r.headers().toString());
                refusedOn[node] = true;
            }
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        // a greedy refill adds F tokens per period, evenly: at most this many beyond the first F in the elapsed time
        long refilled = (long) Math.floor(elapsedSeconds * FAILURES / PERIOD_SECONDS);
        String report = admitted + " of " + attempts + " failed logins admitted over both nodes in "
                + String.format("%.1f", elapsedSeconds) + " s (F=" + FAILURES + ", period " + PERIOD_SECONDS + " s, refill "
                + refilled + "): " + outcomes;
        System.out.println("login throttle: " + report);
        assertTrue(admitted >= FAILURES, "refused too early: " + report);
        assertTrue(admitted <= FAILURES + refilled, "more than one node's allowance: " + report);
        assertTrue(admitted < 2 * FAILURES, "the nodes count separately: " + report);
        assertTrue(refusedOn[1] && refusedOn[2], "both nodes refuse once the shared bucket is empty: " + report);
        // the right password is refused too while the bucket is empty, on either node (a guesser learns nothing)
        for (int node = 1; refilled == 0 && node <= 2; node++) {
            ClusterNodes.Reply right = ClusterNodes.json("POST", ClusterNodes.url(node), "/auth/login", null,
                    "{\"username\":\"" + name + "\",\"password\":\"Long-Enough-Secret-91\"}");
            assertEquals(429, right.status(), "node " + node + ": " + right.body());
        }
    }
}
