package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache skips the RSA check for a token seen before, and every revocation still takes
 * effect on the very next request of a cached token.
 */
class VerifiedTokensTest {
    private final AuthFixture f = new AuthFixture();

    private String issue(String user) {
        var row = f.users.find(user).orElseGet(() -> f.users.create(user, "Sturdy-Test-Passphrase-42", Set.of("read", "write")));
        return f.tokens.issue(row.getUsername(), row.getScopes(), row.getTokenVersion()).token();
    }

    /** Verifies twice so the token is surely served from the cache afterwards. */
    private String cached(String user) throws Exception {
        String token = issue(user);
        f.tokens.verify(token);
        f.tokens.verify(token);
        return token;
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgainUntilItsEntryIsOld() throws Exception {
        String token = issue("alice");
        long before = f.tokens.signatureChecks();
        for (int i = 0; i < 5; i++) {
            Principal p = f.tokens.verify(token);
            assertEquals("alice", p.sub());
            assertEquals(Set.of("read", "write"), p.scopes());
        }
        assertEquals(before + 1, f.tokens.signatureChecks());
        f.clock.advance(Duration.ofSeconds(VerifiedTokens.TTL_SECONDS));
        f.tokens.verify(token);
        assertEquals(before + 2, f.tokens.signatureChecks(), "an entry older than the TTL is verified again");
    }

    @Test
    void aCachedTokenStillExpires() throws Exception {
        String token = cached("alice");
        for (int i = 0; i < 16; i++) {
            f.clock.advance(Duration.ofSeconds(58));
            f.tokens.verify(token);
        }
        f.clock.advance(Duration.ofSeconds(900 + 30 - 16 * 58 + 1));
        assertEquals("token expired", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
    }

    @Test
    void logoutOfACachedTokenTakesEffectAtOnce() throws Exception {
        String token = cached("alice");
        f.tokens.revoke(f.tokens.verify(token));
        assertEquals("token revoked", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
    }

    @Test
    void disablingOrChangingThePasswordVoidsCachedTokensAtOnce() throws Exception {
        String token = cached("alice");
        f.users.changePassword("alice", "Sturdy-Test-Passphrase-42", "Another-Sturdy-Phrase-7");
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token));
        String second = cached("alice");
        f.userRepository.update("alice", u -> u.setEnabled(false, 0));
        f.users.forget("alice");
        assertEquals("token revoked", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(second)).getMessage());
    }

    @Test
    void aScopeChangeVoidsCachedTokensAtOnce() throws Exception {
        String token = cached("alice");
        f.userRepository.update("alice", u -> u.setScopes(Set.of("read"), 0));
        f.users.forget("alice");
        assertEquals("token revoked", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
    }

    @Test
    void retiringTheKeyVoidsCachedTokensAtOnce() throws Exception {
        String token = cached("alice");
        f.keys.rotate(f.tokens.maxTokenLifetimeSeconds(), true);
        assertEquals("token signed by an unknown key",
                assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token)).getMessage());
    }

    @Test
    void aForgedTokenIsCheckedInFullEvenWhenTheGenuineOneIsCached() throws Exception {
        String token = cached("alice");
        String[] parts = token.split("\\.");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                .claim("groups", java.util.List.of("read", "write", "admin")).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(SignedJWT.parse(token).getHeader().getKeyID()).build(), claims);
        forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(forged.serialize()));
        String spliced = forged.serialize().split("\\.")[0] + "." + forged.serialize().split("\\.")[1] + "." + parts[2];
        assertEquals("bad token signature", assertThrows(InvalidTokenException.class, () -> f.tokens.verify(spliced)).getMessage());
    }

    @Test
    void theCacheIsBounded() throws Exception {
        VerifiedTokens cache = new VerifiedTokens();
        java.time.Instant now = f.clock.instant();
        VerifiedTokens.Entry entry = new VerifiedTokens.Entry("k", null, "i", java.util.List.of(), "s", 0L,
                java.util.List.of(), "j", now.plusSeconds(900), null, null, now, now.plusSeconds(60), null);
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 10; i++) {
            cache.put("token-" + i, entry);
        }
        assertEquals(true, cache.size() <= VerifiedTokens.MAX_ENTRIES);
        assertEquals(entry, cache.get("token-" + (VerifiedTokens.MAX_ENTRIES + 9), now));
        assertEquals(null, cache.get("token-" + (VerifiedTokens.MAX_ENTRIES + 9), now.plusSeconds(60)));
    }
}
