package com.goodpackagerepo.api.admin;

import com.goodpackagerepo.storage.index.PageLimit;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.kv.KeyPage;
import jakarta.inject.Inject;
import com.goodpackagerepo.storage.Compaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The metadata store (admin scope), replacing the original's open {@code /rocksdb/*} endpoints:
 * {@code /admin/store/stats} (LMDB's own counters, never a scan), {@code /admin/store/keys?prefix=&limit=&cursor=}
 * (one page of document keys), {@code /admin/store/dashboard} (both as an HTML page) and
 * {@code POST /admin/store/compact} (rewrite the store without its free pages; docs/operations.md).
 */
@Path("/admin/store")
@RequiresScope("admin")
public class AdminStoreResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    Stores stores;
    @Inject
    Authenticator authenticator;
    @Inject
    CompiledConfigHolder compiled;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stats() {
        return JsonBodies.ok(new AdminReplies.StoreOverview(
                StoreDashboard.stats(stores.metadata().stats(), stores.metadata().length()),
                StoreLocations.of(stores, compiled.current().config().model()), StoreDashboard.cluster(stores)));
    }

    /** Synchronous: answers when the compacted file is in place. Reads go on meanwhile; writes wait. */
    @POST
    @Path("compact")
    @Produces(MediaType.APPLICATION_JSON)
    public Response compact() {
        authenticator.require("admin");
        Compaction result = stores.metadata().compact();
        return JsonBodies.ok(new AdminReplies.Compacted(new AdminReplies.CompactionView(result.bytesBefore(),
                result.bytesAfter(), result.millis(), result.pauseMillis()),
                StoreDashboard.stats(stores.metadata().stats(), stores.metadata().length())));
    }

    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response keys(@QueryParam("prefix") String prefix, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        KeyPage page = page(prefix, limit, cursor);
        return JsonBodies.ok(new Replies.StoreKeys(prefix == null ? "" : prefix, page.keys(), page.nextCursor()));
    }

    @GET
    @Path("dashboard")
    @Produces(MediaType.TEXT_HTML)
    public Response dashboard(@QueryParam("prefix") String prefix) {
        StoreStats stats = stores.metadata().stats();
        KeyPage page = page(prefix, null, null);
        String html = StoreDashboard.html(stats, stores.metadata().length(), prefix == null ? "" : prefix, page);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private KeyPage page(String prefix, String rawLimit, String cursor) {
        int limit = PageLimit.parse(rawLimit, DEFAULT_LIMIT, MAX_LIMIT);
        try {
            return stores.metadata().keys(prefix == null ? "" : prefix, cursor == null || cursor.isEmpty() ? null : cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Invalid cursor");
        }
    }
}
