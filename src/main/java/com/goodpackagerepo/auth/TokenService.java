package com.goodpackagerepo.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Issues and verifies the server's RS256 JWTs. Claims follow MicroProfile JWT (iss, aud, sub, upn, groups,
 * exp, iat, jti) plus {@code scope} and {@code tv}, the user's token version that voids older tokens.
 */
@ApplicationScoped
public class TokenService {
    static final String TOKEN_VERSION_CLAIM = "tv";

    @Inject
    SigningKeys keys;
    @Inject
    AuthSettings settings;
    @Inject
    UserService users;

    public IssuedToken issue(String username, java.util.Set<String> scopes, int tokenVersion) {
        Instant now = Instant.now();
        Instant expires = now.plusSeconds(settings.tokenTtlSeconds());
        RSAKey key = keys.signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(username)
                .claim("upn", username)
                .claim("groups", new ArrayList<>(scopes))
                .claim("scope", String.join(" ", scopes))
                .claim(TOKEN_VERSION_CLAIM, tokenVersion)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return new IssuedToken(jwt.serialize(), expires);
    }

    public Principal verify(String token) throws InvalidTokenException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("unsupported token algorithm");
        }
        RSAKey key = keys.verificationKey(jwt.getHeader().getKeyID());
        if (key == null) {
            throw new InvalidTokenException("token signed by an unknown key");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                throw new InvalidTokenException("bad token signature");
            }
            return checkClaims(jwt.getJWTClaimsSet());
        } catch (JOSEException | ParseException e) {
            throw new InvalidTokenException("bad token signature");
        }
    }

    private Principal checkClaims(JWTClaimsSet claims) throws InvalidTokenException, ParseException {
        Instant now = Instant.now();
        long skew = settings.clockSkewSeconds();
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("wrong token issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.audience())) {
            throw new InvalidTokenException("wrong token audience");
        }
        if (claims.getExpirationTime() == null
                || claims.getExpirationTime().toInstant().plusSeconds(skew).isBefore(now)) {
            throw new InvalidTokenException("token expired");
        }
        if (claims.getNotBeforeTime() != null
                && claims.getNotBeforeTime().toInstant().minusSeconds(skew).isAfter(now)) {
            throw new InvalidTokenException("token not yet valid");
        }
        String subject = claims.getSubject();
        Long version = claims.getLongClaim(TOKEN_VERSION_CLAIM);
        UserService.UserState state = subject == null ? null : users.state(subject);
        if (state == null || !state.enabled() || version == null || version != state.tokenVersion()) {
            throw new InvalidTokenException("token revoked");
        }
        List<String> groups = claims.getStringListClaim("groups");
        LinkedHashSet<String> scopes = new LinkedHashSet<>(groups == null ? List.of() : groups);
        scopes.retainAll(state.scopes());
        return new Principal(subject, scopes, claims.getJWTID(), false);
    }

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
