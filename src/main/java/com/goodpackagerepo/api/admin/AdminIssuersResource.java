package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.OidcIssuers;
import com.goodpackagerepo.json.Json;
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
        ObjectNode reply = Json.object();
        reply.put("ok", true);
        ArrayNode list = reply.putArray("issuers");
        issuers.list().forEach(i -> list.add(view(i)));
        return JsonBodies.ok(reply);
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

    private static ObjectNode wrap(OidcIssuers.Issuer issuer) {
        ObjectNode reply = Json.object();
        reply.put("ok", true);
        reply.set("issuer", view(issuer));
        return reply;
    }

    private static ObjectNode view(OidcIssuers.Issuer issuer) {
        ObjectNode view = Json.object();
        view.put("name", issuer.name());
        view.put("issuer", issuer.issuer());
        view.put("jwks_url", issuer.jwksUrl());
        view.put("audience", issuer.audience());
        view.put("groups_claim", issuer.groupsClaim());
        view.put("source", issuer.source());
        view.put("updated_at", issuer.updatedAt() == null ? null : issuer.updatedAt().toString());
        return view;
    }
}
