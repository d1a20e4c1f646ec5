package com.goodpackagerepo.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpstreamGuardTest {
    static final URI BASE = URI.create("http://127.0.0.1:1");

    static UpstreamGuard guard(long delayMs, int maxConcurrent, AtomicInteger opened) {
        return new UpstreamGuard(BASE, new UpstreamGuard.Limits(8, 0.5, Duration.ofMillis(delayMs), 1, maxConcurrent),
                opened::incrementAndGet);
    }

    static void attempt(UpstreamGuard guard, boolean ok) {
        guard.admit();
        guard.release(ok);
    }

    @Test
    void opensWhenHalfOfTheLastEightAttemptsFailed() {
        AtomicInteger opened = new AtomicInteger();
        UpstreamGuard guard = guard(60_000, 32, opened);
        for (int i = 0; i < 8; i++) {
            attempt(guard, true);
        }
        for (int i = 0; i < 3; i++) {
            attempt(guard, false);
        }
        assertEquals(0, guard.state(), "3 of the last 8 failed");
        attempt(guard, false);
        assertEquals(1, guard.state());
        assertEquals(1, opened.get());
        UpstreamGuard.Refused refused = assertThrows(UpstreamGuard.Refused.class, guard::admit);
        assertTrue(refused.circuitOpen());
        assertTrue(refused.retryAfterSeconds() > 50 && refused.retryAfterSeconds() <= 60, "" + refused.retryAfterSeconds());
    }

    /** Four failed attempts in a row open a fresh breaker. */
    static void trip(UpstreamGuard guard) {
        for (int i = 0; i < 4; i++) {
            attempt(guard, false);
        }
        assertEquals(1, guard.state());
    }

    @Test
    void aMinorityOfFailuresKeepsItClosed() {
        UpstreamGuard guard = guard(60_000, 32, new AtomicInteger());
        for (int i = 0; i < 40; i++) {
            attempt(guard, i % 4 != 0);
        }
        assertEquals(0, guard.state());
    }

    @Test
    void afterTheDelayOneTrialPassesAndItsSuccessClosesTheBreaker() throws Exception {
        UpstreamGuard guard = guard(200, 32, new AtomicInteger());
        trip(guard);
        assertThrows(UpstreamGuard.Refused.class, guard::admit);
        Thread.sleep(300);
        guard.admit();
        assertEquals(2, guard.state(), "half-open");
        assertThrows(UpstreamGuard.Refused.class, guard::admit, "one trial at a time");
        guard.release(true);
        assertEquals(0, guard.state());
        attempt(guard, true);
    }

    @Test
    void aFailedTrialOpensItAgain() throws Exception {
        UpstreamGuard guard = guard(200, 32, new AtomicInteger());
        trip(guard);
        Thread.sleep(300);
        attempt(guard, false);
        assertEquals(1, guard.state());
    }

    @Test
    void theBulkheadRefusesAttemptsBeyondItsSizeAndFreesSlots() {
        UpstreamGuard guard = guard(60_000, 2, new AtomicInteger());
        guard.admit();
        guard.admit();
        UpstreamGuard.Refused full = assertThrows(UpstreamGuard.Refused.class, guard::admit);
        assertFalse(full.circuitOpen());
        assertEquals(1, full.retryAfterSeconds());
        guard.release(true);
        guard.admit();
    }

    @Test
    void eachUpstreamHasItsOwnGuardKeptUntilItsBaseUrlChanges() {
        UpstreamGuardRegistry guards = new UpstreamGuardRegistry();
        guards.metrics = new UpstreamMetrics() {
            @Override
            public void circuitState(String upstream, java.util.function.IntSupplier state) {
            }

            @Override
            public void circuitOpened(String upstream) {
            }
        };
        guards.limits = () -> new UpstreamGuard.Limits(8, 0.5, Duration.ofMinutes(1), 1, 32);
        Map<String, UpstreamSettings> current = new java.util.HashMap<>();
        guards.upstreams = new ConfiguredUpstreams() {
            @Override
            public Optional<UpstreamSettings> get(String name) {
                return Optional.ofNullable(current.get(name));
            }
        };
        UpstreamSettings a = settings("a", "http://a.example");
        UpstreamSettings b = settings("b", "http://b.example");
        current.put("a", a);
        current.put("b", b);
        UpstreamGuard guardA = guards.of(a);
        trip(guardA);
        assertThrows(UpstreamGuard.Refused.class, () -> guards.of(a).admit(), "a is open");
        attempt(guards.of(b), true);
        assertEquals(0, guards.of(b).state(), "b is not affected by a");

        guards.onConfig(null);
        assertEquals(guardA, guards.of(a), "same name and base URL: same breaker");
        UpstreamSettings moved = settings("a", "http://mirror.example");
        current.put("a", moved);
        guards.onConfig(null);
        assertEquals(0, guards.of(moved).state(), "a new base URL starts closed");
    }

    static UpstreamSettings settings(String name, String base) {
        return new UpstreamSettings(name, URI.create(base),
                com.goodpackagerepo.schema.UpstreamDef.Auth.read(com.goodpackagerepo.json.Json.object()), 100, 100, 1, 0,
                false, null, 60);
    }
}
