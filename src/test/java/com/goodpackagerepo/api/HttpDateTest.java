package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private static String formatted(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void formatsWholeSecondsInUtc() {
        assertEquals("Fri, 4 Dec 2026 15:13:07 GMT", HttpDate.of(Instant.parse("2026-12-04T15:13:07.999Z")));
    }

    @Test
    void theKeptDateNeverAnswersForAnotherSecond() {
        Instant first = Instant.parse("2026-12-04T15:13:07Z");
        for (int i = 0; i < 3; i++) {
            for (Instant t : new Instant[] {first, first.plusMillis(500), first.plusSeconds(1), first.minusSeconds(86_400)}) {
                assertEquals(formatted(t), HttpDate.of(t), t.toString());
            }
        }
    }
}
