package com.goodpackagerepo.gc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * When scheduled runs fire: the RFC 5545 rule of {@code gc.sweep.schedule.rrule}, evaluated in UTC. The rule
 * needs a start (DTSTART) to count from: 2000-01-01T00:00Z for daily and longer frequencies (so "FREQ=WEEKLY"
 * always means Saturdays and "INTERVAL=2" days are the same days on every server), and midnight UTC of the day
 * the schedule is installed for sub-daily ones (counting seconds from 2000 would cost a second of CPU). The
 * iterator is kept, so each next occurrence is found from the last one. Not thread-safe.
 */
final class GcRecurrence {
    private static final long ANCHOR = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    private final RecurrenceRuleIterator occurrences;

    /** @throws IllegalArgumentException for a rule lib-recur cannot parse */
    GcRecurrence(String rrule, Instant installed) {
        RecurrenceRule rule = parse(rrule);
        long start = rule.getFreq().compareTo(Freq.DAILY) > 0
                ? LocalDate.ofInstant(installed, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                : ANCHOR;
        occurrences = rule.iterator(start, TimeZone.getTimeZone("UTC"));
    }

    static RecurrenceRule parse(String rrule) {
        try {
            return new RecurrenceRule(rrule);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new IllegalArgumentException("invalid rrule '" + rrule + "': " + e.getMessage(), e);
        }
    }

    /** The first occurrence strictly after {@code after}, or null when the rule has ended (COUNT, UNTIL). */
    Instant next(Instant after) {
        occurrences.fastForward(after.toEpochMilli() + 1);
        return occurrences.hasNext() ? Instant.ofEpochMilli(occurrences.nextMillis()) : null;
    }
}
