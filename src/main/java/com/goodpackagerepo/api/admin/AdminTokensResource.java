package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.ApiTokenViews;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.auth.ApiTokenService;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.json.Json;
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
public class AdminTokensResource {
    @Inject
    ApiTokenService apiTokens;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list(@QueryParam("owner") String owner) {
        authenticator.require("admin");
        return JsonBodies.ok(ApiTokenViews.list(apiTokens.list(owner == null || owner.isEmpty() ? null : owner)));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        apiTokens.revoke(authenticator.require("admin"), id);
        ObjectNode body = Json.object();
        body.put("ok", true);
        return JsonBodies.ok(body);
    }
}
