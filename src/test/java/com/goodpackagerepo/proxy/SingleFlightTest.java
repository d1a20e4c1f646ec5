package com.goodpackagerepo.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void followersShareTheLeadersFutureUntilItCompletes() {
        SingleFlight<String> flights = new SingleFlight<>(0, v -> true);
        var leader = flights.join("k");
        var follower = flights.join("k");
        assertTrue(leader.leader());
        assertFalse(follower.leader());
        assertSame(leader.future(), follower.future());
        assertTrue(flights.join("other").leader(), "keys are independent");
    }

    @Test
    void aFailedFlightIsForgottenAtOnce() {
        SingleFlight<String> flights = new SingleFlight<>(60_000, v -> true);
        flights.join("k").future().completeExceptionally(new RuntimeException("down"));
        assertTrue(flights.join("k").leader());
    }

    @Test
    void aSuccessfulFlightLingersWhileItsResultIsReusable() {
        SingleFlight<String> flights = new SingleFlight<>(60_000, v -> v.equals("stored"));
        flights.join("a").future().complete("stored");
        assertFalse(flights.join("a").leader(), "joinable within the linger time");
        flights.join("b").future().complete("evicted");
        assertTrue(flights.join("b").leader(), "not reusable: fetch again");
        SingleFlight<String> noLinger = new SingleFlight<>(-1, v -> true);
        noLinger.join("c").future().complete("stored");
        assertTrue(noLinger.join("c").leader());
    }
}
