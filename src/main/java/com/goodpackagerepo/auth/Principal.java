package com.goodpackagerepo.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who is calling: a user's session token, an API token, an anonymous reader, or the server itself
 * ({@link Kind#SYSTEM}, never from a credential).
 *
 * @param sub       user name ("anonymous" for an anonymous reader); for an API token, its owner
 * @param scopes    scopes granted: those of the token that the user still holds
 * @param tokenId   the session token's jti, or the API token's id
 * @param anonymous true for a caller without a token
 * @param kind      which kind of credential was presented
 * @param expiresAt when the presented credential stops working (null: never, or anonymous)
 * @param authTime  for a session token, when its user logged in with a password (refresh keeps it)
 * @param groups    directory or identity-provider groups the caller belongs to (empty for local users); grants
 *                  and group mappings name them
 */
public record Principal(String sub, Set<String> scopes, String tokenId, boolean anonymous, Kind kind,
                        Instant expiresAt, Instant authTime, Set<String> groups) {
    public static final String ANONYMOUS = "anonymous";

    /** The kinds of credential a caller can present. */
    public enum Kind {
        /** A short-lived JWT from {@code /auth/login} or {@code /auth/refresh}. */
        SESSION,
        /** A long-lived {@code gpr_…} API token. */
        API_TOKEN,
        /** A session JWT from {@code /auth/login} for a user of the LDAP directory (not refreshed: log in again). */
        DIRECTORY,
        /** A JWT from a configured external OpenID Connect issuer. */
        OIDC,
        /** No credential. */
        ANONYMOUS,
        /**
         * The server acting on its own account (the Maven proxy storing an upstream's file in its cache). No
         * credential yields it; the access policy lets its global scopes count even in restricted mode.
         */
        SYSTEM
    }

    public Principal {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public Principal(String sub, Set<String> scopes, String tokenId, boolean anonymous, Kind kind,
                     Instant expiresAt, Instant authTime) {
        this(sub, scopes, tokenId, anonymous, kind, expiresAt, authTime, Set.of());
    }

    public Principal(String sub, Set<String> scopes, String tokenId, boolean anonymous) {
        this(sub, scopes, tokenId, anonymous, anonymous ? Kind.ANONYMOUS : Kind.SESSION, null, null);
    }

    /** The server itself acting as {@code sub} (e.g. {@code proxy:<upstream>}) with {@code scopes}. */
    public static Principal system(String sub, Set<String> scopes) {
        return new Principal(sub, scopes, null, false, Kind.SYSTEM, null, null);
    }

    public static Principal anonymousReader() {
        return new Principal(ANONYMOUS, Set.of("read"), null, true);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
