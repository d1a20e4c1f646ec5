package com.goodpackagerepo.auth;

import java.util.Set;

/**
 * Who is calling: a user's token, an anonymous reader (only when anonymous reads are allowed), or nobody.
 *
 * @param sub     user name ("anonymous" for an anonymous reader)
 * @param scopes  scopes granted by the token
 * @param tokenId the token's jti
 */
public record Principal(String sub, Set<String> scopes, String tokenId, boolean anonymous) {
    public static final String ANONYMOUS = "anonymous";

    public static Principal anonymousReader() {
        return new Principal(ANONYMOUS, Set.of("read"), null, true);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
