package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.auth.TokenService;
import com.goodpackagerepo.auth.UserService;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;

/** {@code /auth/login}, {@code /auth/me}, {@code /auth/change-password}, as the original protocol has them. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    UserService users;
    @Inject
    TokenService tokens;
    @Inject
    Authenticator authenticator;

    @POST
    @Path("login")
    @Consumes(MediaType.WILDCARD)
    public Response login(InputStream body) {
        JsonNode json = JsonBodies.readObject(body);
        String username = JsonBodies.requiredText(json, "username");
        String password = JsonBodies.requiredText(json, "password");
        UserRow user = users.authenticate(username, password)
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "Invalid username or password"));
        TokenService.IssuedToken token = tokens.issue(user.getUsername(), user.getScopes(), user.getTokenVersion());
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.put("token", token.token());
        out.put("expires_at", token.expiresAt().toString());
        out.set("user", user(user.getUsername(), user.getScopes()));
        return noStore(out);
    }

    @GET
    @Path("me")
    public Response me() {
        Principal principal = authenticator.principal();
        if (principal == null || principal.anonymous()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.set("user", user(principal.sub(), principal.scopes()));
        return noStore(out);
    }

    @POST
    @Path("change-password")
    @Consumes(MediaType.WILDCARD)
    public Response changePassword(InputStream body) {
        Principal principal = authenticator.principal();
        if (principal == null || principal.anonymous()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
        JsonNode json = JsonBodies.readObject(body);
        String oldPassword = JsonBodies.requiredText(json, "old_password");
        String newPassword = JsonBodies.requiredText(json, "new_password");
        UserRow user = users.changePassword(principal.sub(), oldPassword, newPassword);
        TokenService.IssuedToken token = tokens.issue(user.getUsername(), user.getScopes(), user.getTokenVersion());
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.put("message", "Password changed; tokens issued before this change no longer work");
        out.put("token", token.token());
        return noStore(out);
    }

    private static ObjectNode user(String username, Set<String> scopes) {
        ObjectNode user = Json.object();
        user.put("username", username);
        var list = user.putArray("scopes");
        scopes.forEach(list::add);
        return user;
    }

    private static Response noStore(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
