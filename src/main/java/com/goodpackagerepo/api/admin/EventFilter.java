package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin events page's filter and newest-first paging. The log is read backwards in chunks from {@code before};
 * a page stops at {@code limit} matches or after {@link #MAX_SCAN} events, and {@code next} is where to go on.
 *
 * @param type      exact event type, or null
 * @param namespace the payload's {@code namespace}, or null
 * @param user      who caused it (payload {@code by}, {@code created_by}, {@code updated_by}, {@code user} or
 *                  {@code username}), or null
 */
record EventFilter(String type, String namespace, String user) {
    static final int MAX_SCAN = 20_000;
    private static final int CHUNK = 500;
    private static final List<String> USER_FIELDS = List.of("by", "created_by", "updated_by", "user", "username");

    /** A page of matches newest first; {@code next} is the exclusive upper bound for the next page, or 0 at the end. */
    record Page(List<StoredEvent> events, long next) {
    }

    boolean matches(StoredEvent event) {
        JsonNode payload = event.payload();
        if (type != null && !type.equals(event.type())) {
            return false;
        }
        if (namespace != null && !namespace.equalsIgnoreCase(payload.path("namespace").asText(""))) {
            return false;
        }
        return user == null || USER_FIELDS.stream().anyMatch(f -> user.equalsIgnoreCase(payload.path(f).asText("")));
    }

    /** Events with a sequence number below {@code before} (the log's end when 0), newest first. */
    Page newestFirst(EventLog log, long before, int limit) {
        long upper = before <= 0 ? log.length() + 1 : before;
        List<StoredEvent> out = new ArrayList<>();
        long scanned = 0;
        while (upper > 1 && scanned < MAX_SCAN) {
            long from = Math.max(0, upper - 1 - CHUNK);
            List<StoredEvent> chunk = log.readAfter(from, (int) (upper - 1 - from));
            for (int i = chunk.size() - 1; i >= 0; i--) {
                StoredEvent e = chunk.get(i);
                if (e.seq() >= upper) {
                    continue;
                }
                scanned++;
                if (matches(e)) {
                    out.add(e);
                    if (out.size() == limit) {
                        return new Page(out, e.seq() > 1 ? e.seq() : 0);
                    }
                }
            }
            upper = from + 1;
        }
        return new Page(out, upper > 1 ? upper : 0);
    }

    static String clean(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
