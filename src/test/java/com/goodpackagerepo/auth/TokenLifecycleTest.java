package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TokenService and SigningKeys over a moving clock: lifetime, skew, issuer/audience, refresh, revocation, rotation. */
class TokenLifecycleTest {
    private final AuthFixture f = new AuthFixture();

    private String issue(String user) {
        var row = f.users.find(user).orElseGet(() -> f.users.create(user, "Sturdy-Test-Passphrase-42", Set.of("read", "write")));
        return f.tokens.issue(row.getUsername(), row.getScopes(), row.getTokenVersion()).token();
    }

    @Test
    void defaultLifetimeIsFifteenMinutes() throws Exception {
        var issued = f.tokens.issue("alice", Set.of("read"), 1);
        assertEquals(f.clock.instant().plusSeconds(900), issued.expiresAt());
    }

    @Test
    void tokenExpiresAfterItsLifetimePlusClockSkew() throws Exception {
        String token = issue("alice");
        f.clock.advance(Duration.ofSeconds(900 + 29));
        assertEquals("alice", f.tokens.verify(token).sub(), "within the clock skew a token still verifies");
        f.clock.advance(Duration.ofSeconds(2));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token));
        assertEquals("token expired", e.getMessage());
    }

    @Test
    void configuredLifetimeIsUsed() throws Exception {
        f.settings.tokenTtlSeconds = 60;
        String token = issue("alice");
        f.clock.advance(Duration.ofSeconds(91));
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token));
    }

    @Test
    void tokenFromTheFutureIsRefusedBeyondTheSkew() throws Exception {
        f.clock.advance(Duration.ofMinutes(5));
        String token = issue("alice");
        f.clock.advance(Duration.ofMinutes(-5));
        assertEquals("token not yet valid", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
    }

    @Test
    void issuerAndAudienceAreConfigurableAndChecked() throws Exception {
        String token = issue("alice");
        f.settings.issuer = "other-issuer";
        assertEquals("wrong token issuer", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
        f.settings.issuer = "good-package-repo";
        f.settings.audience = "other-audience";
        assertEquals("wrong token audience", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
        String forOther = issue("alice");
        assertEquals("alice", f.tokens.verify(forOther).sub());
        assertEquals("other-audience", SignedJWT.parse(forOther).getJWTClaimsSet().getAudience().get(0));
    }

    @Test
    void passwordChangeAndDisableVoidEarlierTokens() throws Exception {
        String token = issue("alice");
        f.users.changePassword("alice", "Sturdy-Test-Passphrase-42", "Another-Sturdy-Phrase-7");
        assertEquals("token revoked", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
        String second = issue("alice");
        f.userRepository.update("alice", u -> u.setEnabled(false, 0));
        f.users.forget("alice");
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(second));
    }

    @Test
    void refreshGivesANewTokenAndRevokesThePresentedOne() throws Exception {
        String token = issue("alice");
        Principal caller = f.tokens.verify(token);
        f.clock.advance(Duration.ofMinutes(10));
        TokenService.IssuedToken fresh = f.tokens.refresh(caller);
        assertEquals(f.clock.instant().plusSeconds(900), fresh.expiresAt());
        assertEquals("token revoked", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
        Principal renewed = f.tokens.verify(fresh.token());
        assertEquals(caller.authTime(), renewed.authTime(), "a refresh keeps the time of the password login");
        assertNotEquals(caller.tokenId(), renewed.tokenId());
    }

    @Test
    void refreshStopsAtTheMaximumSessionLength() throws Exception {
        f.settings.maxSessionSeconds = 1800;
        Principal caller = f.tokens.verify(issue("alice"));
        for (int i = 0; i < 2; i++) {
            f.clock.advance(Duration.ofMinutes(14));
            caller = f.tokens.verify(f.tokens.refresh(caller).token());
        }
        f.clock.advance(Duration.ofMinutes(14));
        Principal tooOld = caller;
        DomainException e = assertThrows(DomainException.class, () -> f.tokens.refresh(tooOld));
        assertEquals(401, ErrorStatus.of(e.code()));
    }

    @Test
    void logoutRevokesOnlyThatToken() throws Exception {
        String first = issue("alice");
        String second = issue("alice");
        f.tokens.revoke(f.tokens.verify(first));
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(first));
        assertEquals("alice", f.tokens.verify(second).sub());
        assertEquals(1, f.tokenRepository.revoked.size(), "the revocation is stored, so it survives a restart");
    }

    @Test
    void revocationsAreReadBackFromTheDatabase() throws Exception {
        String token = issue("alice");
        f.tokens.revoke(f.tokens.verify(token));
        RevokedTokens afterRestart = new RevokedTokens();
        afterRestart.repository = f.tokenRepository;
        afterRestart.signals = f.signals;
        afterRestart.clock = f.clock;
        f.tokens.revoked = afterRestart;
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token));
    }

    @Test
    void rotatedKeySignsWhileThePreviousStillVerifies() throws Exception {
        String before = issue("alice");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        String newKid = f.keys.rotate(f.tokens.maxTokenLifetimeSeconds());
        String after = issue("alice");
        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
        assertNotEquals(oldKid, newKid);
        assertEquals("alice", f.tokens.verify(before).sub(), "tokens of the previous key stay valid");
        assertEquals("alice", f.tokens.verify(after).sub());
        assertTrue(f.keys.describe().stream().anyMatch(k -> k.kid().equals(newKid) && k.signing()));
    }

    @Test
    void keysThatCannotHaveLiveTokensAreRetiredOnRotation() throws Exception {
        String before = issue("alice");
        f.keys.rotate(0);
        Thread.sleep(5);
        f.keys.rotate(0);
        assertEquals("token signed by an unknown key",
                assertThrows(InvalidTokenException.class, () -> f.tokens.verify(before)).getMessage());
        assertEquals(1, f.keys.describe().stream().filter(k -> k.retiredAt() != null).count());
    }

    @Test
    void emergencyRotationRetiresEveryEarlierKeyAtOnce() throws Exception {
        String before = issue("alice");
        f.keys.rotate(f.tokens.maxTokenLifetimeSeconds(), true);
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(before));
        assertEquals("alice", f.tokens.verify(issue("alice")).sub());
    }

    @Test
    void scopesAreCappedByWhatTheUserHoldsNow() throws Exception {
        String token = issue("alice");
        f.userRepository.update("alice", u -> u.setScopes(Set.of("read"), 0));
        f.users.forget("alice");
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token), "a scope change raises the token version");
    }

    @Test
    void aKeySuppliedAsAFileSignsAndIsRotatedByReplacingTheFile() throws Exception {
        var supplied = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("from-file").generate();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("gpr-signing", ".jwk");
        try {
            java.nio.file.Files.writeString(file, supplied.toJSONString());
            f.settings.signingKeyLocation = java.util.Optional.of(file.toString());
            f.keys.ensureActiveKey();
            assertEquals("from-file", SignedJWT.parse(issue("alice")).getHeader().getKeyID());
            assertEquals(409, ErrorStatus.of(assertThrows(DomainException.class, () -> f.keys.rotate(0)).code()));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aTokenWithoutIssueOrAuthTimeVerifiesButCannotRefresh() throws Exception {
        var user = f.users.create("alice", "Sturdy-Test-Passphrase-42", Set.of("read"));
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("good-package-repo").audience("good-package-repo")
                .subject("alice").claim("groups", java.util.List.of("read")).claim("tv", user.getTokenVersion())
                .expirationTime(java.util.Date.from(f.clock.instant().plusSeconds(60))).jwtID("no-iat").build();
        var jwt = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                .keyID(f.keys.signingKey().getKeyID()).build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(f.keys.signingKey()));
        Principal caller = f.tokens.verify(jwt.serialize());
        assertEquals("alice", caller.sub());
        assertEquals(400, ErrorStatus.of(assertThrows(DomainException.class, () -> f.tokens.refresh(caller)).code()));
    }
}
