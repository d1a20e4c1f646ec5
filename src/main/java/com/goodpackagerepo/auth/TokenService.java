package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    /** A directory user's groups at login; its presence marks a directory session (no token version). */
    static final String DIRECTORY_GROUPS_CLAIM = "gpr_directory_groups";

    @Inject
    SigningKeys keys;
    @Inject
    AuthSettings settings;
    @Inject
    UserService users;
    @Inject
    RevokedTokens revoked;
    @Inject
    GroupMappings groupMappings;

    Clock clock = Clock.systemUTC();
    final VerifiedTokens verified = new VerifiedTokens();
    private final Map<String, KeyVerifier> verifiers = new ConcurrentHashMap<>();
    private final AtomicLong signatureChecks = new AtomicLong();

    /** A token for a user who just proved their password. */
    public IssuedToken issue(String username, Set<String> scopes, int tokenVersion) {
        return issue(username, scopes, tokenVersion, clock.instant());
    }

    IssuedToken issue(String username, Set<String> scopes, int tokenVersion, Instant authTime) {
        return sign(username, scopes, authTime, b -> b.claim(TOKEN_VERSION_CLAIM, tokenVersion));
    }

    /**
     * A token for a directory user who just proved their password: its scopes come from the group mappings, and it
     * carries the groups, so a mapping change applies to it at once; membership changes apply at the next login.
     */
    public IssuedToken issueForDirectoryUser(String username, Set<String> scopes, Set<String> directoryGroups) {
        return sign(username, scopes, clock.instant(),
                b -> b.claim(DIRECTORY_GROUPS_CLAIM, new ArrayList<>(directoryGroups)));
    }

    private IssuedToken sign(String username, Set<String> scopes, Instant authTime,
                             java.util.function.Consumer<JWTClaimsSet.Builder> extra) {
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(settings.tokenTtlSeconds());
        RSAKey key = keys.signingKey();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(username)
                .claim("upn", username)
                .claim("groups", new ArrayList<>(scopes))
                .claim("scope", String.join(" ", scopes))
                .claim(AUTH_TIME_CLAIM, authTime.getEpochSecond())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        extra.accept(builder);
        JWTClaimsSet claims = builder.build();
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
        if (caller.kind() == Principal.Kind.DIRECTORY) {
            throw new DomainException(ErrorCode.INVALID_REQUEST,
                    "Directory sessions are not refreshed; log in again (directory group changes apply at login)");
        }
        if (caller.kind() != Principal.Kind.SESSION || caller.authTime() == null) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Only session tokens from /auth/login can be refreshed");
        }
        if (caller.authTime().plusSeconds(settings.maxSessionSeconds()).isBefore(clock.instant())) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Session too old to refresh; log in again");
        }
        UserService.UserState state = users.state(caller.sub());
        if (state == null || !state.enabled()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Token revoked");
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

    /**
     * The caller a session token stands for. The signature is checked on the token's first request (and again
     * after {@link VerifiedTokens#TTL_SECONDS}); revocation, the user's state, the key still being trusted
     * and the token's lifetime are checked on every request.
     */
    public Principal verify(String token) throws InvalidTokenException {
        Instant now = clock.instant();
        VerifiedTokens.Entry entry = verified.get(token, now);
        if (entry == null || keys.verificationKey(entry.kid()) != entry.verifiedBy()) {
            entry = verifySignature(token, now);
            verified.put(token, entry);
        }
        return checkClaims(entry, now);
    }

    private VerifiedTokens.Entry verifySignature(String token, Instant now) throws InvalidTokenException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("unsupported token algorithm");
        }
        String kid = jwt.getHeader().getKeyID();
        RSAKey key = keys.verificationKey(kid);
        if (key == null) {
            throw new InvalidTokenException("token signed by an unknown key");
        }
        signatureChecks.incrementAndGet();
        try {
            if (!jwt.verify(verifier(kid, key))) {
                throw new InvalidTokenException("bad token signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getExpirationTime() == null) {
                throw new InvalidTokenException("token expired");
            }
            Instant expiresAt = claims.getExpirationTime().toInstant();
            List<String> groups = claims.getStringListClaim("groups");
            List<String> directoryGroups = claims.getStringListClaim(DIRECTORY_GROUPS_CLAIM);
            return new VerifiedTokens.Entry(kid, key, claims.getIssuer(),
                    claims.getAudience() == null ? List.of() : List.copyOf(claims.getAudience()),
                    claims.getSubject(), claims.getLongClaim(TOKEN_VERSION_CLAIM),
                    groups == null ? List.of() : List.copyOf(groups), claims.getJWTID(), expiresAt,
                    claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant(),
                    authTime(claims), now,
                    VerifiedTokens.Entry.cacheLimit(now, expiresAt, settings.clockSkewSeconds()),
                    directoryGroups == null ? null : List.copyOf(directoryGroups));
        } catch (JOSEException | ParseException | RuntimeException e) {
            throw new InvalidTokenException("bad token signature");
        }
    }

    /** How many RS256 signatures were checked (the rest of the verifications were served by the cache). */
    long signatureChecks() {
        return signatureChecks.get();
    }

    /** One verifier per trusted key (its public key is extracted once), replaced when the key object changes. */
    private RSASSAVerifier verifier(String kid, RSAKey key) throws JOSEException {
        KeyVerifier cached = verifiers.get(kid);
        if (cached == null || cached.key() != key) {
            cached = new KeyVerifier(key, new RSASSAVerifier(key.toRSAPublicKey()));
            if (verifiers.size() > 64) {
                verifiers.clear();
            }
            verifiers.put(kid, cached);
        }
        return cached.verifier();
    }

    private Principal checkClaims(VerifiedTokens.Entry claims, Instant now) throws InvalidTokenException {
        long skew = settings.clockSkewSeconds();
        if (!settings.issuer().equals(claims.issuer())) {
            throw new InvalidTokenException("wrong token issuer");
        }
        if (!claims.audience().contains(settings.audience())) {
            throw new InvalidTokenException("wrong token audience");
        }
        if (claims.expiresAt().plusSeconds(skew).isBefore(now)) {
            throw new InvalidTokenException("token expired");
        }
        if (claims.notBefore() != null && claims.notBefore().minusSeconds(skew).isAfter(now)) {
            throw new InvalidTokenException("token not yet valid");
        }
        String subject = claims.subject();
        if (claims.directoryGroups() != null) {
            return checkDirectorySession(claims, subject);
        }
        Long version = claims.tokenVersion();
        UserService.UserState state = subject == null ? null : users.state(subject);
        if (state == null || !state.enabled() || version == null || version != state.tokenVersion()
                || revoked.isRevoked(claims.jti())) {
            throw new InvalidTokenException("token revoked");
        }
        LinkedHashSet<String> scopes = new LinkedHashSet<>(claims.groups());
        scopes.retainAll(state.scopes());
        return new Principal(subject, scopes, claims.jti(), false, Principal.Kind.SESSION,
                claims.expiresAt(), claims.authTime());
    }

    /**
     * A directory user's session: still unrevoked, no local user of that name since (local users win a name
     * clash, docs/security.md), and holding the token's scopes only while its groups' mappings still grant them.
     */
    private Principal checkDirectorySession(VerifiedTokens.Entry claims, String subject) throws InvalidTokenException {
        if (subject == null || users.state(subject) != null || revoked.isRevoked(claims.jti())) {
            throw new InvalidTokenException("token revoked");
        }
        Set<String> groups = new LinkedHashSet<>(claims.directoryGroups());
        LinkedHashSet<String> scopes = new LinkedHashSet<>(claims.groups());
        scopes.retainAll(groupMappings.scopesFor(groups));
        return new Principal(subject, scopes, claims.jti(), false, Principal.Kind.DIRECTORY,
                claims.expiresAt(), claims.authTime(), groups);
    }

    /** When the session's password login happened: auth_time, else the token's iat; null if it has neither. */
    private static Instant authTime(JWTClaimsSet claims) throws ParseException {
        Long authTime = claims.getLongClaim(AUTH_TIME_CLAIM);
        if (authTime != null) {
            return Instant.ofEpochSecond(authTime);
        }
        return claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
    }

    private record KeyVerifier(RSAKey key, RSASSAVerifier verifier) {
    }

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
