package com.goodpackagerepo.proxy;

import java.util.Locale;

/**
 * One logical call to an upstream, carried through Fault Tolerance's retries. It counts the attempts so the
 * transport can honour this upstream's own {@code retry.max_attempts} and backoff inside the static
 * {@code @Retry} bound, and remembers the last failure for the error report.
 */
public final class UpstreamCall {
    private final UpstreamSettings upstream;
    private final String method;
    private final String path;
    private int attempts;

    public UpstreamCall(UpstreamSettings upstream, String method, String path) {
        this.upstream = upstream;
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
    }

    public UpstreamSettings upstream() {
        return upstream;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Starts the next attempt and returns its number (1 for the first). */
    int nextAttempt() {
        return ++attempts;
    }

    public int attempts() {
        return attempts;
    }

    /** True when a failed attempt may be followed by another one under this upstream's settings. */
    boolean mayRetry() {
        return upstream.retries(method) && attempts < upstream.maxAttempts();
    }
}
