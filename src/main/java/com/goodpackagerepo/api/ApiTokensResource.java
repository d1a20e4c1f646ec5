package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.ApiTokenService;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The caller's own API tokens: {@code POST /auth/tokens {"name","scopes","expires_at"?,"namespaces"?}} (the token is in
 * the answer, once), {@code GET /auth/tokens}, {@code DELETE /auth/tokens/{id}}. Admins see everyone's
 * at {@code /admin/tokens}.
 */
@Path("/auth/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokensResource {
    @Inject
    ApiTokenService apiTokens;
    @Inject
    Authenticator authenticator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream in) {
        Principal caller = authenticator.authenticated();
        JsonNode body = JsonBodies.readObject(in);
        ApiTokenService.Created created = apiTokens.create(caller, JsonBodies.requiredText(body, "name"),
                scopes(body.get("scopes")), expiresAt(body.get("expires_at")), namespaces(body.get("namespaces")));
        Replies.TokenCreated out = new Replies.TokenCreated(created.token(), ApiTokenViews.view(created.row()),
                "Store this token now: it is not shown again");
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonBodies.text(out))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    public Response list() {
        return JsonBodies.ok(ApiTokenViews.list(apiTokens.list(authenticator.authenticated().sub())));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        apiTokens.revoke(authenticator.authenticated(), id);
        return JsonBodies.ok(Replies.Done.OK);
    }

    private static Set<String> scopes(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "scopes must be a non-empty array of scope names");
        }
        Set<String> scopes = new LinkedHashSet<>();
        node.forEach(s -> scopes.add(s.asText()));
        return scopes;
    }

    /** {@code namespaces}: patterns the token is narrowed to; absent, null or empty: not narrowed. */
    private static List<String> namespaces(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "namespaces must be an array of namespace patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "namespaces must be an array of namespace patterns");
            }
            patterns.add(n.asText());
        }
        return patterns;
    }

    private static Instant expiresAt(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "expires_at must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
        }
    }
}
