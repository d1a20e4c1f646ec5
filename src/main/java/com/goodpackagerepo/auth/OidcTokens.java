package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer JWT from a configured external issuer ({@link OidcIssuers}): an RSA signature (RS256/384/512;
 * {@code none}, HMAC and everything else refused) by a key the issuer publishes ({@link IssuerKeys}), then the
 * issuer, audience, expiry and not-before, then revocation of its {@code jti}. The caller is
 * {@code <issuer name>:<sub>}, with the token's groups (the issuer's groups claim) and the scopes those groups map to
 * ({@link GroupMappings}). The first time a token is seen it is audited as a login ({@code auth.login_succeeded},
 * {@code source: oidc}, with the issuer).
 */
@ApplicationScoped
public class OidcTokens {
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    static final int MAX_SEEN = 10_000;

    @Inject
    IssuerKeys keys;
    @Inject
    GroupMappings groupMappings;
    @Inject
    RevokedTokens revoked;
    @Inject
    AuthSettings settings;
    @Inject
    AuditLog audit;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    public Principal verify(SignedJWT jwt, OidcIssuers.Issuer issuer) throws InvalidTokenException {
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("unsupported token algorithm");
        }
        String kid = jwt.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.key(issuer.jwksUrl(), kid);
        if (!(key instanceof RSAKey rsa)) {
            throw new InvalidTokenException("token signed by an unknown key");
        }
        JWTClaimsSet claims;
        try {
            if (!jwt.verify(new RSASSAVerifier(rsa.toRSAPublicKey()))) {
                throw new InvalidTokenException("bad token signature");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (JOSEException | ParseException | RuntimeException e) {
            throw new InvalidTokenException("bad token signature");
        }
        Instant now = Instant.now();
        long skew = settings.clockSkewSeconds();
        if (!issuer.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("wrong token issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(issuer.audience())) {
            throw new InvalidTokenException("wrong token audience");
        }
        if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plusSeconds(skew).isBefore(now)) {
            throw new InvalidTokenException("token expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minusSeconds(skew).isAfter(now)) {
            throw new InvalidTokenException("token not yet valid");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new InvalidTokenException("token has no subject");
        }
        if (claims.getJWTID() != null && revoked.isRevoked(claims.getJWTID())) {
            throw new InvalidTokenException("token revoked");
        }
        Set<String> groups = groups(claims.getClaim(issuer.groupsClaim()));
        Set<String> scopes = groupMappings.scopesFor(groups);
        Instant expiresAt = claims.getExpirationTime().toInstant();
        String sub = issuer.name() + ":" + claims.getSubject();
        Principal principal = new Principal(sub, scopes, claims.getJWTID(), false, Principal.Kind.OIDC, expiresAt, null,
                groups);
        auditFirstUse(jwt, issuer, principal, now);
        return principal;
    }

    /** The groups claim as a JSON array of strings or one space-separated string; anything else is no groups. */
    static Set<String> groups(Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).filter(g -> !g.isBlank())
                    .forEach(groups::add);
        } else if (claim instanceof String text) {
            for (String g : text.trim().split("\\s+")) {
                if (!g.isEmpty()) {
                    groups.add(g);
                }
            }
        }
        return groups;
    }

    private void auditFirstUse(SignedJWT jwt, OidcIssuers.Issuer issuer, Principal principal, Instant now) {
        String key = principal.tokenId() != null ? issuer.name() + "/" + principal.tokenId()
                : issuer.name() + "#" + jwt.getSignature().toString();
        if (seen.putIfAbsent(key, principal.expiresAt()) != null) {
            return;
        }
        if (seen.size() > MAX_SEEN) {
            seen.values().removeIf(expiry -> expiry.isBefore(now));
        }
        ObjectNode details = AuditLog.details();
        details.put("source", "oidc");
        details.put("issuer", issuer.issuer());
        details.put("issuer_name", issuer.name());
        details.put("groups", String.join(" ", principal.groups()));
        details.put("scopes", String.join(" ", principal.scopes()));
        audit.record("auth.login_succeeded", principal.sub(), details);
    }
}
