package com.goodpackagerepo.api.admin;

import com.goodpackagerepo.storage.index.PageLimit;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.event.StoredEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /admin/events?after=<cursor>&limit=N}: the durable event log in order (admin scope). The
 * cursor is the last event's sequence number; {@code next_cursor} is null when the log has no more.
 * {@code GET /admin/events?order=desc&before=<cursor>&limit=N}: newest first; {@code next_cursor} is then the
 * {@code before} of the next page. Both orders take the filters {@code type} (comma-separated, {@code grant.*}),
 * {@code actor} (or {@code user}), {@code namespace} (grant events whose pattern covers it included), {@code from}
 * and {@code to} (see {@link EventFilter}); a bad value is 400 INVALID_REQUEST.
 */
@Path("/admin/events")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminEventsResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    Stores stores;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit,
                         @QueryParam("order") String order, @QueryParam("before") String before,
                         @QueryParam("type") String type, @QueryParam("namespace") String namespace,
                         @QueryParam("user") String user, @QueryParam("actor") String actor,
                         @QueryParam("from") String from, @QueryParam("to") String to) {
        int max = PageLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "order must be asc or desc");
        }
        EventFilter filter = EventFilter.parse(type, namespace, actor, user, from, to);
        if ("desc".equals(order)) {
            EventFilter.Page found = filter.newestFirst(stores.metadata(), PageLimit.number("before", before, 0, 0, Long.MAX_VALUE), max);
            return JsonBodies.ok(new Replies.Events(events(found.events()),
                    found.next() > 0 ? String.valueOf(found.next()) : null, stores.metadata().length()));
        }
        long afterSeq = PageLimit.number("after", after, 0, 0, Long.MAX_VALUE);
        if (!filter.isEmpty()) {
            EventFilter.Page found = filter.oldestFirst(stores.metadata(), afterSeq, max);
            return JsonBodies.ok(new Replies.Events(events(found.events()),
                    found.next() > 0 ? String.valueOf(found.next()) : null, stores.metadata().length()));
        }
        List<StoredEvent> events = stores.metadata().readAfter(afterSeq, max + 1);
        boolean more = events.size() > max;
        List<StoredEvent> page = more ? events.subList(0, max) : events;
        return JsonBodies.ok(new Replies.Events(events(page), more ? String.valueOf(page.get(page.size() - 1).seq()) : null,
                stores.metadata().length()));
    }

    private static List<Replies.Event> events(List<StoredEvent> page) {
        return page.stream().map(e -> new Replies.Event(e.seq(), e.eventId(), e.type(), e.payload(), e.at())).toList();
    }
}
