package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.UserAdministration;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.index.PageLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The users API (admin scope): list, create, read, update (scopes, enabled, password reset), delete. */
@Path("/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminUsersResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    UserAdministration users;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int max = PageLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<UserRow> page = users.page(cursor, max + 1);
        boolean more = page.size() > max;
        List<UserRow> shown = more ? page.subList(0, max) : page;
        return JsonBodies.ok(new Replies.Users(shown.stream().<JsonNode>map(AdminUsersResource::view).toList(),
                more ? shown.get(shown.size() - 1).getUsername() : null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream in) {
        String by = authenticator.principal().sub();
        JsonNode body = JsonBodies.readObject(in);
        UserRow user = users.create(by, JsonBodies.requiredText(body, "username"),
                JsonBodies.requiredText(body, "password"), scopes(body.get("scopes")));
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonBodies.text(wrap(user))).build();
    }

    @GET
    @Path("{username}")
    public Response get(@PathParam("username") String username) {
        return JsonBodies.ok(wrap(users.get(username)));
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("username") String username, InputStream in) {
        String by = authenticator.principal().sub();
        JsonNode body = JsonBodies.readObject(in);
        Set<String> scopes = body.has("scopes") ? scopes(body.get("scopes")) : null;
        Boolean enabled = null;
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "enabled must be true or false");
            }
            enabled = body.get("enabled").asBoolean();
        }
        String password = body.has("password") ? JsonBodies.requiredText(body, "password") : null;
        return JsonBodies.ok(wrap(users.update(by, username, scopes, enabled, password)));
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        String by = authenticator.principal().sub();
        users.delete(by, username);
        return JsonBodies.ok(Replies.Done.OK);
    }

    static ObjectNode view(UserRow user) {
        ObjectNode view = Json.object();
        view.put("username", user.getUsername());
        ArrayNode scopes = view.putArray("scopes");
        user.getScopes().forEach(scopes::add);
        view.put("enabled", user.isEnabled());
        view.put("created_at", java.time.Instant.ofEpochMilli(user.getCreatedAt()).toString());
        view.put("updated_at", java.time.Instant.ofEpochMilli(user.getUpdatedAt()).toString());
        return view;
    }

    private static Replies.OneUser wrap(UserRow user) {
        return new Replies.OneUser(view(user));
    }

    private static Set<String> scopes(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "scopes must be an array of scope names");
        }
        Set<String> scopes = new LinkedHashSet<>();
        node.forEach(s -> scopes.add(s.asText()));
        return scopes;
    }
}
