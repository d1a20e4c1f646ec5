package com.goodpackagerepo.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.event.EventLog;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    /** 1200 events: every third a publish in "team" by "ann", the rest tag moves in "other" by "bob". */
    private static final EventLog LOG = new EventLog() {
        @Override
        public List<StoredEvent> readAfter(long afterSeq, int limit) {
            List<StoredEvent> out = new ArrayList<>();
            for (long seq = afterSeq + 1; seq <= 1200 && out.size() < limit; seq++) {
                boolean publish = seq % 3 == 0;
                out.add(new StoredEvent(seq, "e" + seq, publish ? "artifact.published" : "tag.updated",
                        Json.parse(publish ? "{\"namespace\":\"team\",\"by\":\"ann\"}" : "{\"namespace\":\"other\",\"updated_by\":\"bob\"}"),
                        "2026-12-03T00:00:00Z"));
            }
            return out;
        }

        @Override
        public long length() {
            return 1200;
        }
    };

    private static List<Long> seqs(EventFilter.Page page) {
        return page.events().stream().map(StoredEvent::seq).toList();
    }

    @Test
    void unfilteredPagesGoNewestFirst() {
        EventFilter all = new EventFilter(null, null, null);
        EventFilter.Page first = all.newestFirst(LOG, 0, 3);
        assertEquals(List.of(1200L, 1199L, 1198L), seqs(first));
        assertEquals(List.of(1197L, 1196L, 1195L), seqs(all.newestFirst(LOG, first.next(), 3)));
        EventFilter.Page last = all.newestFirst(LOG, 3, 10);
        assertEquals(List.of(2L, 1L), seqs(last));
        assertEquals(0, last.next());
    }

    @Test
    void filtersByTypeNamespaceAndUserAcrossChunks() {
        EventFilter publishes = new EventFilter("artifact.published", "TEAM", "ann");
        EventFilter.Page page = publishes.newestFirst(LOG, 0, 250);
        assertEquals(250, page.events().size());
        assertEquals(1200L, page.events().get(0).seq());
        assertEquals(453L, page.events().get(249).seq());
        assertEquals(List.of(450L), seqs(publishes.newestFirst(LOG, page.next(), 1)));
        assertEquals(800, new EventFilter(null, null, "bob").newestFirst(LOG, 0, 1000).events().size());
        assertEquals(0, new EventFilter("artifact.published", null, "bob").newestFirst(LOG, 0, 10).events().size());
    }
}
