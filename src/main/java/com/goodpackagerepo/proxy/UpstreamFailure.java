package com.goodpackagerepo.proxy;

/**
 * An upstream attempt failed: no connection, a timeout, a reset, or a 5xx/429/408 answer. Fault Tolerance
 * counts it against the circuit breaker; {@link Retryable} is retried, the base class is not (the
 * upstream's attempts are used up, or the method is not idempotent).
 */
public class UpstreamFailure extends Exception {
    public UpstreamFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failed attempt that this upstream's retry settings allow to repeat. */
    public static final class Retryable extends UpstreamFailure {
        public Retryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static UpstreamFailure of(UpstreamCall call, String message, Throwable cause) {
        String full = call.upstream().name() + " " + call.method() + " " + call.path() + " attempt " + call.attempts()
                + ": " + message;
        return call.mayRetry() ? new Retryable(full, cause) : new UpstreamFailure(full, cause);
    }
}
