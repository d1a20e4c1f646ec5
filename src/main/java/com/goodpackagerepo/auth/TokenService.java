package com.goodpackagerepo.auth;

import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Issues, verifies, renews and revokes the server's session tokens: RS256 JWTs with the MicroProfile JWT
 * claims (iss, aud, sub, upn, groups, exp, iat, jti) plus {@code scope}, {@code auth_time} (the password
 * login the session started with) and {@code tv}, the user's token version, which a password change, a
 * disable or a scope change raises to void every older token. Single tokens are revoked by jti
 * ({@link RevokedTokens}). Tokens are short-lived ({@code gpr.token.ttl.seconds}, 15 min by default) and
 * renewed with {@link #refresh} until {@code gpr.token.max-session.seconds} after the login.
 */
@ApplicationScoped
public class TokenService {
    static final String TOKEN_VERSION_CLAIM = "tv";
    static final String AUTH_TIME_CLAIM = "auth_time";

    @Inject
    SigningKeys keys;
    @Inject
    AuthSettings settings;
    @Inject
    UserService users;
    @Inject
    RevokedTokens revoked;

    Clock clock = Clock.systemUTC();

    /** A token for a user who just proved their password. */
    public IssuedToken issue(String username, Set<String> scopes, int tokenVersion) {
        return issue(username, scopes, tokenVersion, clock.instant());
    }

    IssuedToken issue(String username, Set<String> scopes, int tokenVersion, Instant authTime) {
        Instant now = clock.instant();
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
                .claim(AUTH_TIME_CLAIM, authTime.getEpochSecond())
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

    /**
     * A new token for the caller's session, with the user's current scopes; the presented token is revoked.
     * Only session tokens renew, and only within the maximum session length after the password login.
     */
    public IssuedToken refresh(Principal caller) {
        if (caller.kind() != Principal.Kind.SESSION || caller.authTime() == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Only session tokens from /auth/login can be refreshed");
        }
        if (caller.authTime().plusSeconds(settings.maxSessionSeconds()).isBefore(clock.instant())) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Session too old to refresh; log in again");
        }
        UserService.UserState state = users.state(caller.sub());
        if (state == null || !state.enabled()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Token revoked");
        }
        IssuedToken fresh = issue(caller.sub(), state.scopes(), state.tokenVersion(), caller.authTime());
        revoke(caller);
        return fresh;
    }

    /** Refuses the caller's session token from now on (logout). */
    public void revoke(Principal caller) {
        if (caller.tokenId() != null && caller.expiresAt() != null) {
            revoked.revoke(caller.tokenId(), caller.expiresAt().plusSeconds(settings.clockSkewSeconds()));
        }
    }

    /** The longest a token signed now can stay valid: what a retired signing key must outlive. */
    public long maxTokenLifetimeSeconds() {
        return settings.tokenTtlSeconds() + settings.clockSkewSeconds();
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
        Instant now = clock.instant();
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
        if (state == null || !state.enabled() || version == null || version != state.tokenVersion()
                || revoked.isRevoked(claims.getJWTID())) {
            throw new InvalidTokenException("token revoked");
        }
        List<String> groups = claims.getStringListClaim("groups");
        LinkedHashSet<String> scopes = new LinkedHashSet<>(groups == null ? List.of() : groups);
        scopes.retainAll(state.scopes());
        return new Principal(subject, scopes, claims.getJWTID(), false, Principal.Kind.SESSION,
                claims.getExpirationTime().toInstant(), authTime(claims));
    }

    /** When the session's password login happened: auth_time, else the token's iat; null if it has neither. */
    private static Instant authTime(JWTClaimsSet claims) throws ParseException {
        Long authTime = claims.getLongClaim(AUTH_TIME_CLAIM);
        if (authTime != null) {
            return Instant.ofEpochSecond(authTime);
        }
        return claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
    }

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
