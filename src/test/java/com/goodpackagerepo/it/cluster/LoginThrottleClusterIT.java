package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Issue #16, item 2: failed logins spread over the nodes are limited like the same number on one node. */
class LoginThrottleClusterIT {

    private static int login(int node, String user) {
        return ClusterNodes.json("POST", ClusterNodes.url(node), "/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"wrong-password-123\"}").status();
    }

    @Test
    void failuresAlternatingBetweenNodesLockTheUserNameOnEveryNode() {
        String user = "guess" + Long.toString(System.nanoTime(), 36); // unknown names are throttled like real ones
        int failures = Integer.getInteger("it.cluster.login.user.failures", 5); // gpr.login.user.failures default
        for (int i = 0; i < failures; i++) {
            assertEquals(401, login(1 + i % 2, user), "attempt " + (i + 1));
        }
        // one node alone would allow `failures` per node; together they have used the user name's allowance
        assertEquals(429, login(1, user));
        assertEquals(429, login(2, user));
    }
}
