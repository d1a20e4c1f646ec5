package com.goodpackagerepo.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The auditor's filters: type lists and prefixes, actor, namespace (grant patterns included) and a time range. */
class EventFilterQueryTest {
    /** Day n (1..30 of November 2026): a grant change, then a publish to acme by ann, then one to web by bob. */
    private static final List<StoredEvent> EVENTS = new ArrayList<>();

    static {
        long seq = 0;
        for (int day = 1; day <= 30; day++) {
            String at = String.format("2026-11-%02dT12:00:00Z", day);
            EVENTS.add(new StoredEvent(++seq, "e" + seq, day % 2 == 0 ? "grant.created" : "grant.deleted",
                    Json.parse("{\"by\":\"root\",\"subject\":\"ann\",\"pattern\":\"" + (day % 3 == 0 ? "acme*" : "web") + "\",\"at\":\"" + at + "\"}"), at));
            EVENTS.add(new StoredEvent(++seq, "e" + seq, "artifact.published",
                    Json.parse("{\"namespace\":\"acme\",\"created_by\":\"ann\"}"), at));
            EVENTS.add(new StoredEvent(++seq, "e" + seq, "artifact.published",
                    Json.parse("{\"namespace\":\"web\",\"created_by\":\"bob\"}"), at));
        }
    }

    private static final EventLog LOG = new EventLog() {
        @Override
        public List<StoredEvent> readAfter(long afterSeq, int limit) {
            return EVENTS.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
        }

        @Override
        public long length() {
            return EVENTS.size();
        }
    };

    private static EventFilter parse(String type, String ns, String actor, String from, String to) {
        return EventFilter.parse(type, ns, actor, null, from, to);
    }

    @Test
    void whoCouldPublishToAcmeLastMonthAndWhoDid() {
        EventFilter grants = parse("grant.*", "ACME", null, "2026-11-01", "2026-12-01");
        List<StoredEvent> changes = grants.newestFirst(LOG, 0, 100).events();
        assertEquals(10, changes.size(), "the grant changes whose pattern (acme*) covers acme: days 3, 6 … 30");
        assertTrue(changes.stream().allMatch(e -> e.payload().path("pattern").asText().equals("acme*")));
        EventFilter publishes = parse("artifact.published", "acme", null, "2026-11-01", "2026-12-01");
        List<StoredEvent> done = publishes.newestFirst(LOG, 0, 100).events();
        assertEquals(30, done.size());
        assertTrue(done.stream().allMatch(e -> e.payload().path("created_by").asText().equals("ann")));
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        EventFilter week = parse(null, null, null, "2026-11-08T12:00:00Z", "2026-11-15T12:00:00Z");
        List<StoredEvent> found = week.oldestFirst(LOG, 0, 1000).events();
        assertEquals(21, found.size());
        assertEquals(Instant.parse("2026-11-08T12:00:00Z"), Instant.parse(found.get(0).at()));
        assertEquals(Instant.parse("2026-11-14T12:00:00Z"), Instant.parse(found.get(20).at()));
    }

    @Test
    void typeListsAndActorsCombine() {
        EventFilter f = parse("grant.created, artifact.published", null, "BOB", null, null);
        assertEquals(30, f.newestFirst(LOG, 0, 1000).events().size());
        assertEquals(15, parse("grant.created", null, "root", null, null).newestFirst(LOG, 0, 1000).events().size());
        assertEquals(0, parse("grant", null, null, null, null).newestFirst(LOG, 0, 1000).events().size(),
                "without .* a type is exact");
    }

    @Test
    void oldestFirstPagesFollowTheCursor() {
        EventFilter acme = parse("artifact.published", "acme", null, null, null);
        EventFilter.Page first = acme.oldestFirst(LOG, 0, 4);
        assertEquals(List.of(2L, 5L, 8L, 11L), first.events().stream().map(StoredEvent::seq).toList());
        EventFilter.Page second = acme.oldestFirst(LOG, first.next(), 4);
        assertEquals(14L, second.events().get(0).seq());
        EventFilter.Page last = acme.oldestFirst(LOG, 85, 10);
        assertEquals(List.of(86L, 89L), last.events().stream().map(StoredEvent::seq).toList());
        assertEquals(0, last.next());
    }

    @Test
    void badValuesAre400WithTheParameterNamed() {
        String[][] bad = {
                {"Grant!", null, null, null, null, "type"}, {"a..b", null, null, null, null, "type"},
                {"*", null, null, null, null, "type"}, {null, "acme*", null, null, null, "namespace"},
                {null, "a/b", null, null, null, "namespace"}, {null, null, "x".repeat(257), null, null, "actor"},
                {null, null, null, "yesterday", null, "from"}, {null, null, null, null, "2026-13-01", "to"},
                {null, null, null, "2026-11-02", "2026-11-01", "from must be before to"}};
        for (String[] b : bad) {
            DomainException e = assertThrows(DomainException.class, () -> parse(b[0], b[1], b[2], b[3], b[4]), String.join(",", b[5]));
            assertEquals(ErrorCode.INVALID_REQUEST, e.code());
            assertTrue(e.getMessage().contains(b[5]), e.getMessage());
        }
        assertThrows(DomainException.class, () -> EventFilter.parse(null, null, "ann", "bob", null, null));
        assertTrue(EventFilter.parse(" ", "", null, null, null, null).isEmpty());
    }
}
