package com.goodpackagerepo.auth;

import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Reads the bearer token of every request: a session JWT ({@link TokenService}) or an API token
 * ({@code gpr_…}, {@link ApiTokenService}). A present but invalid token is refused at once (401); a valid
 * one becomes the request's {@link Principal}; no token leaves the request anonymous, and each endpoint
 * decides whether that is enough.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    @Inject
    TokenService tokens;

    @Inject
    ApiTokenService apiTokens;

    @Inject
    CurrentPrincipal current;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("Unsupported authorization scheme; use a Bearer token"));
            return;
        }
        try {
            String token = header.substring(BEARER.length()).trim();
            Principal principal = ApiTokenFormat.looksLikeApiToken(token) ? apiTokens.verify(token) : tokens.verify(token);
            current.set(principal);
        } catch (InvalidTokenException e) {
            request.abortWith(unauthorized("Invalid token: " + e.getMessage()));
        }
    }

    private static jakarta.ws.rs.core.Response unauthorized(String message) {
        return ErrorResponses.response(401, ErrorCode.UNAUTHORIZED.name(), message,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"good-package-repo\""));
    }
}
