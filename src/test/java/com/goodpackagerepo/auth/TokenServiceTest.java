package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.SigningKeyRow;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private final InMemoryRepository repository = new InMemoryRepository();
    private final AuthSettings settings = new AuthSettings();
    private TokenService tokens;
    private SigningKeys keys;

    @BeforeEach
    void setUp() {
        settings.issuer = "good-package-repo";
        settings.audience = "good-package-repo";
        settings.tokenTtlSeconds = 60;
        settings.clockSkewSeconds = 5;
        settings.bcryptCost = 10;
        settings.passwordMinLength = 12;
        settings.signingKeyLocation = Optional.empty();
        keys = new SigningKeys();
        keys.repository = repository;
        keys.settings = settings;
        keys.signals = new com.goodpackagerepo.cluster.RecordingSignals();
        keys.ensureActiveKey();
        UserService users = new UserService();
        users.repository = repository;
        users.settings = settings;
        users.signals = keys.signals;
        users.init();
        repository.users.put("alice", new UserRow("alice", "x", Set.of("read", "write"), 0));
        tokens = new TokenService();
        tokens.keys = keys;
        tokens.settings = settings;
        tokens.users = users;
        RevokedTokens revoked = new RevokedTokens();
        revoked.repository = new FakeTokenRepository();
        revoked.signals = keys.signals;
        tokens.revoked = revoked;
    }

    @Test
    void issuedTokensVerifyWithTheirScopes() throws Exception {
        TokenService.IssuedToken token = tokens.issue("alice", Set.of("read", "write"), 1);
        Principal principal = tokens.verify(token.token());
        assertEquals("alice", principal.sub());
        assertEquals(Set.of("read", "write"), principal.scopes());
        SignedJWT jwt = SignedJWT.parse(token.token());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(List.of("good-package-repo"), jwt.getJWTClaimsSet().getAudience());
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().getTime() - System.currentTimeMillis() <= 60_000);
    }

    @Test
    void expiredBeyondSkewIsRefusedWithinSkewAccepted() throws Exception {
        assertThrows(InvalidTokenException.class, () -> tokens.verify(forge(-30, keys.signingKey())));
        tokens.verify(forge(-2, keys.signingKey()));
    }

    @Test
    void wrongIssuerAudienceKeyOrAlgorithmIsRefused() throws Exception {
        String good = tokens.issue("alice", Set.of("read"), 1).token();
        settings.issuer = "someone-else";
        assertThrows(InvalidTokenException.class, () -> tokens.verify(good));
        settings.issuer = "good-package-repo";
        settings.audience = "another-service";
        assertThrows(InvalidTokenException.class, () -> tokens.verify(good));
        settings.audience = "good-package-repo";
        tokens.verify(good);
        var stranger = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        assertThrows(InvalidTokenException.class, () -> tokens.verify(forge(60, stranger)));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(60));
        hmac.sign(new MACSigner(new byte[32]));
        assertThrows(InvalidTokenException.class, () -> tokens.verify(hmac.serialize()));
    }

    @Test
    void tokenVersionRevokesAndScopesNeverExceedTheUsers() throws Exception {
        String token = tokens.issue("alice", Set.of("read", "write", "admin"), 1).token();
        assertEquals(Set.of("read", "write"), tokens.verify(token).scopes(), "a token cannot grant more than the user has");
        repository.users.get("alice").changePassword("y", 1);
        tokens.users.forget("alice");
        assertThrows(InvalidTokenException.class, () -> tokens.verify(token));
    }

    @Test
    void rotationKeepsOldTokensValid() throws Exception {
        String before = tokens.issue("alice", Set.of("read"), 1).token();
        String oldKid = keys.signingKey().getKeyID();
        String newKid = keys.rotate();
        assertTrue(!oldKid.equals(newKid));
        assertEquals(newKid, SignedJWT.parse(tokens.issue("alice", Set.of("read"), 1).token()).getHeader().getKeyID());
        assertEquals("alice", tokens.verify(before).sub());
    }

    private String forge(long expiresInSeconds, com.nimbusds.jose.jwk.RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(expiresInSeconds));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(long expiresInSeconds) {
        return new JWTClaimsSet.Builder().issuer("good-package-repo").audience("good-package-repo").subject("alice")
                .claim("groups", List.of("read")).claim("tv", 1)
                .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build();
    }

    /** Users and keys in memory instead of JPA. */
    static final class InMemoryRepository extends JpaUserRepository {
        final Map<String, UserRow> users = new HashMap<>();
        final List<SigningKeyRow> keys = new ArrayList<>();

        @Override
        public Optional<UserRow> find(String username) {
            return Optional.ofNullable(users.get(username));
        }

        @Override
        public List<SigningKeyRow> activeKeys() {
            List<SigningKeyRow> newestFirst = new ArrayList<>(keys);
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        }

        @Override
        public void insertKey(SigningKeyRow key) {
            keys.add(key);
        }
    }
}
