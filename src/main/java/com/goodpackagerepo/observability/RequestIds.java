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
        String id = fromCaller != null && SANE.matcher(fromCaller).matches() ? fromCaller : UUID.randomUUID().toString();
        CURRENT.set(id);
        return id;
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        return CURRENT.get();
    }

    public static void clear() {
        CURRENT.remove();
    }
}
