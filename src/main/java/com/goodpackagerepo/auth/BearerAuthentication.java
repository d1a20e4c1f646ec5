package com.goodpackagerepo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads a request's {@code Authorization} header: a session JWT ({@link TokenService}) or an external issuer's JWT ({@link BearerJwts}) or an API token
 * ({@code gpr_…}, {@link ApiTokenService}). A present but invalid token is refused at once (401); a valid one
 * becomes the request's {@link Principal}; no token leaves the request anonymous, and each endpoint decides
 * whether that is enough. Used by both request paths: the JAX-RS endpoints ({@code api.http.AuthFilter}) and the
 * configured routes ({@code api.ConfiguredRouteFilter}).
 */
@ApplicationScoped
public class BearerAuthentication {
    private static final String BEARER = "Bearer ";

    @Inject
    BearerJwts tokens;
    @Inject
    ApiTokenService apiTokens;
    @Inject
    CurrentPrincipal current;
    @Inject
    BasicCredentials basic;

    /** Reads {@code header} and sets the request's principal when it is valid. */
    public Authentication authenticate(String header) {
        if (header == null || header.isBlank()) {
            return new Authentication.Anonymous();
        }
        if (BasicCredentials.isBasic(header)) {
            try {
                Principal principal = basic.verify(header);
                current.set(principal);
                return new Authentication.Authenticated(principal);
            } catch (InvalidTokenException e) {
                return new Authentication.Refused("Invalid Basic credentials: " + e.getMessage());
            }
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Authentication.Refused("Unsupported authorization scheme; use a Bearer token");
        }
        try {
            String token = header.substring(BEARER.length()).trim();
            boolean apiToken = ApiTokenFormat.looksLikeApiToken(token);
            Principal principal = apiToken ? apiTokens.verify(token) : tokens.verify(token);
            current.set(principal, apiToken ? null : token);
            return new Authentication.Authenticated(principal);
        } catch (InvalidTokenException e) {
            return new Authentication.Refused("Invalid token: " + e.getMessage());
        }
    }
}
