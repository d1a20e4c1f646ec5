package com.goodpackagerepo.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as an HTTP date (RFC 1123 format, whole seconds, UTC), for {@code Last-Modified}. Every GET of a blob
 * formats the same date, which cost ~3 % of a 4 KiB GET's CPU through {@link DateTimeFormatter} (docs/performance.md,
 * "Issue 21: footprint and small GETs"); the last date formatted is kept and reused while the second matches.
 */
public final class HttpDate {
    /** One immutable pair, so a reader never sees the text of one second with the number of another. */
    private record Formatted(long epochSecond, String text) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private HttpDate() {
    }

    public static String of(Instant instant) {
        long second = instant.getEpochSecond();
        Formatted cached = last;
        if (cached.epochSecond() == second) {
            return cached.text();
        }
        String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
        last = new Formatted(second, text);
        return text;
    }
}
