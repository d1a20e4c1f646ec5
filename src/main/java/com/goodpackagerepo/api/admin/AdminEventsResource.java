package com.goodpackagerepo.api.admin;

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
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long afterSeq = parse(after, 0, 0, Long.MAX_VALUE, "after");
        int max = (int) parse(limit, DEFAULT_LIMIT, 1, MAX_LIMIT, "limit");
        List<StoredEvent> events = stores.metadata().readAfter(afterSeq, max + 1);
        boolean more = events.size() > max;
        List<StoredEvent> page = more ? events.subList(0, max) : events;
        Replies.Events body = new Replies.Events(
                page.stream().map(e -> new Replies.Event(e.seq(), e.eventId(), e.type(), e.payload(), e.at())).toList(),
                more ? String.valueOf(page.get(page.size() - 1).seq()) : null, stores.metadata().length());
        return JsonBodies.ok(body);
    }

    private static long parse(String raw, long fallback, long min, long max, String name) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, name + " must be a number from " + min + " to " + max);
        }
    }
}
