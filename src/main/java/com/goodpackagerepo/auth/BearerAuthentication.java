package com.goodpackagerepo.auth;

import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Reads a request's {@code Authorization} header: a session JWT ({@link TokenService}) or an API token
 * ({@code gpr_…}, {@link ApiTokenService}). A present but invalid token is refused at once (401); a valid one
 * becomes the request's {@link Principal}; no token leaves the request anonymous, and each endpoint decides
 * whether that is enough. Used by both request paths: the JAX-RS endpoints ({@link AuthFilter}) and the
 * configured routes ({@code api.ConfiguredRouteFilter}).
 */
@ApplicationScoped
public class BearerAuthentication {
    private static final String BEARER = "Bearer ";

    @Inject
    TokenService tokens;
    @Inject
    ApiTokenService apiTokens;
    @Inject
    CurrentPrincipal current;
    @Inject
    BasicCredentials basic;

    /** Sets the request's principal from {@code header}; returns the 401 to answer instead, or null to go on. */
    public Response authenticate(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (BasicCredentials.isBasic(header)) {
            try {
                current.set(basic.verify(header));
                return null;
            } catch (InvalidTokenException e) {
                return unauthorized("Invalid Basic credentials: " + e.getMessage());
            }
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("Unsupported authorization scheme; use a Bearer token");
        }
        try {
            String token = header.substring(BEARER.length()).trim();
            current.set(ApiTokenFormat.looksLikeApiToken(token) ? apiTokens.verify(token) : tokens.verify(token));
            return null;
        } catch (InvalidTokenException e) {
            return unauthorized("Invalid token: " + e.getMessage());
        }
    }

    private static Response unauthorized(String message) {
        return ErrorResponses.response(401, ErrorCode.UNAUTHORIZED.name(), message,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"good-package-repo\""));
    }
}
