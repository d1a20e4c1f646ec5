package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.OidcIssuers;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * External OpenID Connect issuers (admin scope): {@code GET} lists them, {@code GET/PUT/DELETE /{name}} reads,
 * creates or replaces, and removes one. Issuers from the server's configuration are listed but read-only.
 */
@Path("/admin/auth/issuers")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminIssuersResource {
    @Inject
    OidcIssuers issuers;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list() {
        return JsonBodies.ok(new AdminReplies.IssuerList(issuers.list().stream().map(AdminReplies.Issuer::of).toList()));
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return JsonBodies.ok(wrap(issuers.get(name)));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, InputStream in) {
        JsonNode body = JsonBodies.readObject(in);
        String groupsClaim = body.hasNonNull("groups_claim") ? JsonBodies.requiredText(body, "groups_claim") : "groups";
        return JsonBodies.ok(wrap(issuers.put(authenticator.principal().sub(), name,
                JsonBodies.requiredText(body, "issuer"), JsonBodies.requiredText(body, "jwks_url"),
                JsonBodies.requiredText(body, "audience"), groupsClaim)));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        issuers.delete(authenticator.principal().sub(), name);
        return JsonBodies.ok(Replies.Done.OK);
    }

    private static AdminReplies.OneIssuer wrap(OidcIssuers.Issuer issuer) {
        return new AdminReplies.OneIssuer(AdminReplies.Issuer.of(issuer));
    }
}
