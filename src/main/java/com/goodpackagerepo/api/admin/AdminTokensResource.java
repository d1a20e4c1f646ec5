package com.goodpackagerepo.api.admin;

import com.goodpackagerepo.api.ApiTokenViews;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.ApiTokenService;
import com.goodpackagerepo.auth.Authenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every user's API tokens (admin scope): {@code GET /admin/tokens?owner=}, {@code DELETE /admin/tokens/{id}}. */
@Path("/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminTokensResource {
    @Inject
    ApiTokenService apiTokens;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list(@QueryParam("owner") String owner) {
        return JsonBodies.ok(ApiTokenViews.list(apiTokens.list(owner == null || owner.isEmpty() ? null : owner)));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        apiTokens.revoke(authenticator.principal(), id);
        return JsonBodies.ok(Replies.Done.OK);
    }
}
