package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.ApiTokenService;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.LoginService;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.auth.TokenService;
import com.goodpackagerepo.auth.UserService;
import com.goodpackagerepo.auth.jpa.UserRow;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code /auth/login}, {@code /auth/me}, {@code /auth/change-password} as the original protocol has them,
 * plus {@code /auth/refresh} (renew a session token) and {@code /auth/logout} (revoke the presented token).
 */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    LoginService logins;
    @Inject
    UserService users;
    @Inject
    TokenService tokens;
    @Inject
    ApiTokenService apiTokens;
    @Inject
    Authenticator authenticator;
    @Inject
    AuditLog audit;
    /** The caller's claims (MicroProfile JWT): what {@code /auth/me} reports. */
    @Inject
    JsonWebToken caller;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Path("login")
    @Consumes(MediaType.WILDCARD)
    public Response login(InputStream body) {
        JsonNode json = JsonBodies.readObject(body);
        String username = JsonBodies.requiredText(json, "username");
        String password = JsonBodies.requiredText(json, "password");
        LoginService.Login login = logins.login(username, password, servletRequest.getRemoteAddr());
        return noStore(session(login.username(), login.scopes(), login.token()));
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.WILDCARD)
    public Response refresh() {
        Principal caller = authenticator.authenticated();
        TokenService.IssuedToken token = tokens.refresh(caller);
        return noStore(session(caller.sub(), users.state(caller.sub()).scopes(), token));
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        Principal caller = authenticator.authenticated();
        if (caller.kind() == Principal.Kind.API_TOKEN) {
            apiTokens.revoke(caller, caller.tokenId());
        } else {
            tokens.revoke(caller);
            audit.record("auth.logout", caller.sub(), null);
        }
        return noStore(new Replies.Message("The token you presented no longer works"));
    }

    @GET
    @Path("me")
    public Response me() {
        Principal principal = authenticator.authenticated();
        Long exp = caller.getClaim(Claims.exp.name()) instanceof Number n ? n.longValue() : null;
        List<String> groups = caller.getClaim("gpr_groups");
        String kind = caller.getClaim("gpr_kind");
        return noStore(new Replies.Me(new Replies.User(caller.getName(), principal.scopes()), kind,
                exp == null ? null : java.time.Instant.ofEpochSecond(exp).toString(), groups,
                principal.kind() == Principal.Kind.OIDC ? caller.getIssuer() : null));
    }

    @POST
    @Path("change-password")
    @Consumes(MediaType.WILDCARD)
    public Response changePassword(InputStream body) {
        Principal principal = authenticator.authenticated();
        JsonNode json = JsonBodies.readObject(body);
        String oldPassword = JsonBodies.requiredText(json, "old_password");
        String newPassword = JsonBodies.requiredText(json, "new_password");
        UserRow user = users.changePassword(principal.sub(), oldPassword, newPassword);
        TokenService.IssuedToken token = tokens.issue(user.getUsername(), user.getScopes(), user.getTokenVersion());
        return noStore(new Replies.PasswordChanged("Password changed; tokens issued before this change no longer work",
                token.token(), token.expiresAt().toString()));
    }

    private static Replies.Session session(String username, Set<String> scopes, TokenService.IssuedToken token) {
        return new Replies.Session(token.token(), token.expiresAt().toString(),
                Math.max(0, token.expiresAt().getEpochSecond() - java.time.Instant.now().getEpochSecond()),
                new Replies.User(username, scopes));
    }

    private static Response noStore(Object reply) {
        return Response.ok(JsonBodies.text(reply), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
