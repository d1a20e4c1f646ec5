package com.goodpackagerepo.cluster;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a node is in the signal table. Ids come from an identity column, so a lower id can commit after a higher
 * one has been read: every id skipped over is remembered as a gap and asked for again on each poll until it shows
 * up or {@code gapNanos} pass (a rolled-back insert leaves a gap forever). Not thread-safe: one poller owns it.
 */
final class SignalCursor {
    private final long gapNanos;
    private long position;
    private final Map<Long, Long> gaps = new LinkedHashMap<>();

    SignalCursor(long position, long gapNanos) {
        this.position = position;
        this.gapNanos = gapNanos;
    }

    long position() {
        return position;
    }

    /** Ids below the position still awaited (the poll asks for them as well). */
    Set<Long> gaps() {
        return gaps.keySet();
    }

    /** Takes the ids a poll returned (ascending); returns those not seen before, in order. */
    List<Long> accept(List<Long> ids, long nowNanos) {
        List<Long> fresh = new ArrayList<>();
        for (long id : ids) {
            if (id > position) {
                for (long missing = position + 1; missing < id; missing++) {
                    gaps.put(missing, nowNanos);
                }
                position = id;
                fresh.add(id);
            } else if (gaps.remove(id) != null) {
                fresh.add(id);
            }
        }
        for (Iterator<Long> it = gaps.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next() > gapNanos) {
                it.remove();
            }
        }
        return fresh;
    }
}
