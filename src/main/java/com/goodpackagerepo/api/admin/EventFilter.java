package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.NamespacePattern;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The admin events filter and its paging (newest first, or oldest first after a cursor). The log is read in chunks;
 * a page stops at {@code limit} matches or after {@link #MAX_SCAN} events, and {@code next} is where to go on.
 *
 * @param types     event types (exact, or a prefix ending in {@code .*} such as {@code grant.*}); empty: any
 * @param namespace the payload's {@code namespace}, or a grant whose {@code pattern} covers it; null: any
 * @param actor     who caused it (payload {@code by}, {@code created_by}, {@code updated_by}, {@code user} or
 *                  {@code username}), or null
 * @param from      events at or after this instant, or null
 * @param to        events before this instant, or null
 */
record EventFilter(List<String> types, String namespace, String actor, Instant from, Instant to) {
    static final int MAX_SCAN = 20_000;
    private static final int CHUNK = 500;
    private static final List<String> USER_FIELDS = List.of("by", "created_by", "updated_by", "user", "username");
    private static final Pattern TYPE = Pattern.compile("^[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?$");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,127}$");

    EventFilter(String type, String namespace, String user) {
        this(type == null ? List.of() : List.of(type), namespace, user, null, null);
    }

    /** A page of matches; {@code next} is the cursor for the next page, or 0 at the end. */
    record Page(List<StoredEvent> events, long next) {
    }

    /**
     * The filter the query parameters ask for; 400 {@code INVALID_REQUEST} naming the bad one. {@code user} is the
     * older name of {@code actor}.
     */
    static EventFilter parse(String type, String namespace, String actor, String user, String from, String to) {
        List<String> types = new ArrayList<>();
        String rawTypes = clean(type);
        if (rawTypes != null) {
            for (String t : rawTypes.split(",")) {
                String one = t.strip();
                if (one.length() > 64 || !TYPE.matcher(one).matches()) {
                    throw new DomainException(ErrorCode.INVALID_REQUEST, "type must be event types separated by commas"
                            + " (e.g. artifact.published,grant.*), each a-z 0-9 _ in dotted parts, optionally ending in .*");
                }
                types.add(one);
            }
        }
        String ns = clean(namespace);
        if (ns != null) {
            ns = ns.toLowerCase(Locale.ROOT);
            if (!NAMESPACE.matcher(ns).matches()) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "namespace must be a namespace (a-z 0-9 . _ -, at most 128)");
            }
        }
        String who = clean(actor);
        String older = clean(user);
        if (who != null && older != null && !who.equals(older)) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "actor and user name the same filter: give one");
        }
        who = who == null ? older : who;
        if (who != null && (who.length() > 256 || who.chars().anyMatch(Character::isISOControl))) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "actor must be at most 256 characters");
        }
        Instant start = instant(from, "from");
        Instant end = instant(to, "to");
        if (start != null && end != null && !start.isBefore(end)) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "from must be before to");
        }
        return new EventFilter(List.copyOf(types), ns, who, start, end);
    }

    boolean isEmpty() {
        return types.isEmpty() && namespace == null && actor == null && from == null && to == null;
    }

    boolean matches(StoredEvent event) {
        JsonNode payload = event.payload();
        if (!types.isEmpty() && types.stream().noneMatch(t -> typeMatches(t, event.type()))) {
            return false;
        }
        if (namespace != null && !namespace.equalsIgnoreCase(payload.path("namespace").asText(""))
                && !patternCovers(payload.path("pattern").asText(""))) {
            return false;
        }
        if (from != null || to != null) {
            Instant at = at(event);
            if (at == null || (from != null && at.isBefore(from)) || (to != null && !at.isBefore(to))) {
                return false;
            }
        }
        return actor == null || USER_FIELDS.stream().anyMatch(f -> actor.equalsIgnoreCase(payload.path(f).asText("")));
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

    /** Events with a sequence number above {@code after}, oldest first; {@code next} is the {@code after} to go on from. */
    Page oldestFirst(EventLog log, long after, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        long position = after;
        long scanned = 0;
        long end = log.length();
        while (position < end && scanned < MAX_SCAN) {
            List<StoredEvent> chunk = log.readAfter(position, CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            for (StoredEvent e : chunk) {
                scanned++;
                position = e.seq();
                if (matches(e)) {
                    out.add(e);
                    if (out.size() == limit) {
                        return new Page(out, position < end ? position : 0);
                    }
                }
            }
        }
        return new Page(out, position < end ? position : 0);
    }

    private static boolean typeMatches(String filter, String type) {
        return filter.endsWith(".*") ? type.startsWith(filter.substring(0, filter.length() - 1)) : filter.equals(type);
    }

    private boolean patternCovers(String pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        try {
            return NamespacePattern.parse(pattern).matches(namespace);
        } catch (DomainException e) {
            return false;
        }
    }

    private static Instant at(StoredEvent event) {
        String raw = event.at() != null ? event.at() : event.payload().path("at").asText(null);
        try {
            return raw == null ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}: its start, UTC). */
    private static Instant instant(String raw, String name) {
        String value = clean(raw);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, name
                    + " must be an ISO-8601 instant (2026-11-01T00:00:00Z) or a date (2026-11-01)");
        }
    }

    static String clean(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
