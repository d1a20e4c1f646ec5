package com.goodpackagerepo.observability;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the request being served on this thread: the caller's {@code X-Request-Id} when it is sane
 * (1–128 of {@code [A-Za-z0-9._:-]}), else a new UUID. Echoed in the response, every error body and the
 * access log line.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    public static String accept(String fromCaller) {
        String id = fromCaller != null && SANE.matcher(fromCaller).matches() ? fromCaller : newId();
        CURRENT.set(id);
        return id;
    }

    /**
     * A random (version 4) UUID from a non-blocking generator: a request id must be unique, not unpredictable,
     * and {@code UUID.randomUUID()} takes the lock of the shared SecureRandom on every request.
     */
    static String newId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        return CURRENT.get();
    }

    public static void clear() {
        CURRENT.remove();
    }
}
