package com.goodpackagerepo.proxy;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import java.net.URI;
import java.time.Duration;

/**
 * The circuit breaker and the bulkhead of one upstream (Failsafe's, used standalone): every attempt asks for a
 * permit with {@link #admit()} and reports how it went with {@link #release(boolean)}. The breaker opens when
 * {@code ceil(failureRatio × window)} of the last {@code window} attempts failed, answers "open" for
 * {@code delay}, then lets one trial attempt through (half-open): its success closes the
 * breaker, its failure opens it again. The bulkhead caps the attempts waiting for this upstream at once.
 */
final class UpstreamGuard {

    /** The server-wide shape of every upstream's guard (MicroProfile Config, see {@link UpstreamGuardRegistry}). */
    record Limits(int window, double failureRatio, Duration delay, int successThreshold, int maxConcurrent) {
        Limits {
            if (window < 1 || failureRatio <= 0 || failureRatio > 1 || delay.isNegative()
                    || successThreshold < 1 || maxConcurrent < 1) {
                throw new IllegalArgumentException("bad upstream guard limits: " + window + " " + failureRatio
                        + " " + delay + " " + successThreshold + " " + maxConcurrent);
            }
        }
    }

    /** Why an attempt was not admitted, and when to come back. */
    static final class Refused extends RuntimeException {
        private final boolean circuitOpen;
        private final long retryAfterSeconds;

        Refused(String message, boolean circuitOpen, long retryAfterSeconds) {
            super(message, null, false, false);
            this.circuitOpen = circuitOpen;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        boolean circuitOpen() {
            return circuitOpen;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final URI baseUrl;
    private final Limits limits;
    private final CircuitBreaker<Object> breaker;
    private final Bulkhead<Object> bulkhead;

    UpstreamGuard(URI baseUrl, Limits limits, Runnable onOpen) {
        this.baseUrl = baseUrl;
        this.limits = limits;
        int failures = (int) Math.ceil(limits.failureRatio() * limits.window());
        this.breaker = CircuitBreaker.builder()
                .withFailureThreshold(Math.max(1, failures), limits.window())
                .withDelay(limits.delay())
                .withSuccessThreshold(limits.successThreshold())
                .onOpen(e -> onOpen.run())
                .build();
        this.bulkhead = Bulkhead.of(limits.maxConcurrent());
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** Takes a bulkhead slot and a breaker permit, or throws {@link Refused} at once. */
    void admit() {
        if (!bulkhead.tryAcquirePermit()) {
            throw new Refused("too many concurrent upstream calls", false, 1);
        }
        if (!breaker.tryAcquirePermit()) {
            bulkhead.releasePermit();
            throw new Refused("its circuit breaker is open", true, retryAfterSeconds());
        }
    }

    /** Ends an admitted attempt: counts it for the breaker and frees its bulkhead slot. */
    void release(boolean succeeded) {
        try {
            if (succeeded) {
                breaker.recordSuccess();
            } else {
                breaker.recordFailure();
            }
        } finally {
            bulkhead.releasePermit();
        }
    }

    /** 0 closed, 1 open, 2 half-open (the gauge {@code gpr_upstream_circuit_state}). */
    int state() {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }

    /** Seconds until an open breaker lets a trial through, rounded up, at least 1. */
    long retryAfterSeconds() {
        long ms = breaker.isOpen() ? breaker.getRemainingDelay().toMillis() : limits.delay().toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }
}
