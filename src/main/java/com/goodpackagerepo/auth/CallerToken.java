package com.goodpackagerepo.auth;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The request's caller as MicroProfile JWT's {@link JsonWebToken}. For a JWT (a session, directory or external
 * issuer's token, already verified) its claims; for an API token or Basic credentials, claims made from the
 * principal. Either way {@code sub}/{@code upn} is the caller, {@code groups} holds the scopes in force (MicroProfile
 * JWT's groups are the application's roles: a token's scopes less what its user lost since), and
 * {@code gpr_groups} the directory or identity-provider groups. Anonymous: no claims, {@code getName()} null.
 */
final class CallerToken implements JsonWebToken {
    static final String GROUPS_CLAIM = "gpr_groups";
    static final String KIND_CLAIM = "gpr_kind";

    private final String raw;
    private final Map<String, Object> claims;

    private CallerToken(String raw, Map<String, Object> claims) {
        this.raw = raw;
        this.claims = claims;
    }

    static CallerToken anonymous() {
        return new CallerToken(null, Map.of());
    }

    static CallerToken of(Principal principal, String rawJwt) {
        if (principal == null || principal.anonymous()) {
            return anonymous();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (rawJwt != null) {
            try {
                claims.putAll(SignedJWT.parse(rawJwt).getJWTClaimsSet().toJSONObject());
            } catch (ParseException e) {
                throw new IllegalStateException("a verified token no longer parses", e);
            }
        }
        claims.put(Claims.sub.name(), principal.sub());
        claims.put(Claims.upn.name(), principal.sub());
        claims.put(Claims.groups.name(), new ArrayList<>(principal.scopes()));
        claims.put(GROUPS_CLAIM, new ArrayList<>(principal.groups()));
        claims.put(KIND_CLAIM, principal.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (principal.tokenId() != null) {
            claims.put(Claims.jti.name(), principal.tokenId());
        }
        if (principal.expiresAt() != null) {
            claims.put(Claims.exp.name(), principal.expiresAt().getEpochSecond());
        }
        return new CallerToken(rawJwt, Map.copyOf(claims));
    }

    @Override
    public String getName() {
        return (String) claims.get(Claims.upn.name());
    }

    @Override
    public String getRawToken() {
        return raw;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = claims.get(claimName);
        if (value instanceof java.util.List<?> list && Claims.groups.name().equals(claimName)) {
            return (T) Set.copyOf((java.util.List<String>) list);
        }
        return (T) value;
    }

    @Override
    public Set<String> getGroups() {
        Set<String> groups = getClaim(Claims.groups.name());
        return groups == null ? Set.of() : groups;
    }

    /** The caller's directory or identity-provider groups ({@code gpr_groups}). */
    @SuppressWarnings("unchecked")
    static Set<String> identityGroups(JsonWebToken jwt) {
        Object groups = jwt.getClaim(GROUPS_CLAIM);
        return groups instanceof java.util.List<?> list ? Set.copyOf((java.util.List<String>) list) : Set.of();
    }
}
