package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenServiceTest {
    private final AuthFixture f = new AuthFixture();

    @Test
    void tokenIsShownOnceAndOnlyItsDigestIsStored() throws Exception {
        Principal alice = f.login("alice", "read", "write");
        ApiTokenService.Created created = f.apiTokens.create(alice, "ci", Set.of("read"), null);
        assertTrue(created.token().startsWith("gpr_" + created.row().getTokenId() + "_"));
        String secret = created.token().substring(("gpr_" + created.row().getTokenId() + "_").length());
        assertEquals(ApiTokenFormat.sha256(secret), f.tokenRepository.apiTokens.get(created.row().getTokenId()).getSecretSha256());
        assertFalse(f.tokenRepository.apiTokens.toString().contains(secret));
        Principal ci = f.apiTokens.verify(created.token());
        assertEquals("alice", ci.sub());
        assertEquals(Set.of("read"), ci.scopes());
        assertEquals(Principal.Kind.API_TOKEN, ci.kind());
        assertTrue(f.audit.types.contains("auth.api_token_created"));
    }

    @Test
    void scopesMustBeASubsetOfTheOwners() throws Exception {
        Principal reader = f.login("reader", "read");
        DomainException e = assertThrows(DomainException.class, () -> f.apiTokens.create(reader, "ci", Set.of("read", "write"), null));
        assertEquals(403, ErrorStatus.of(e.code()));
    }

    @Test
    void ownerLosingAScopeNarrowsTheTokenAndDisablingVoidsIt() throws Exception {
        Principal alice = f.login("alice", "read", "write");
        String token = f.apiTokens.create(alice, "ci", Set.of("read", "write"), null).token();
        f.userRepository.update("alice", u -> u.setScopes(Set.of("read"), 0));
        f.users.forget("alice");
        assertEquals(Set.of("read"), f.apiTokens.verify(token).scopes());
        f.userRepository.update("alice", u -> u.setEnabled(false, 0));
        f.users.forget("alice");
        assertThrows(InvalidTokenException.class, () -> f.apiTokens.verify(token));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        Principal alice = f.login("alice", "read");
        String token = f.apiTokens.create(alice, "short", Set.of("read"), f.clock.instant().plusSeconds(60)).token();
        assertEquals("alice", f.apiTokens.verify(token).sub());
        f.clock.advance(Duration.ofSeconds(61));
        assertEquals("API token expired", assertThrows(InvalidTokenException.class, () -> f.apiTokens.verify(token)).getMessage());
        assertThrows(DomainException.class, () -> f.apiTokens.create(alice, "past", Set.of("read"), f.clock.instant()));
    }

    @Test
    void wrongSecretOrMalformedTokenIsRefused() throws Exception {
        Principal alice = f.login("alice", "read");
        String token = f.apiTokens.create(alice, "ci", Set.of("read"), null).token();
        String wrongSecret = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        assertThrows(InvalidTokenException.class, () -> f.apiTokens.verify(wrongSecret));
        assertThrows(InvalidTokenException.class, () -> f.apiTokens.verify("gpr_nothex_secret"));
    }

    @Test
    void revokedTokenStopsAtOnceDespiteTheCache() throws Exception {
        Principal alice = f.login("alice", "read");
        ApiTokenService.Created created = f.apiTokens.create(alice, "ci", Set.of("read"), null);
        f.apiTokens.verify(created.token());
        f.apiTokens.verify(created.token());
        assertEquals(1, f.tokenRepository.lookups, "the second request is served from the cache");
        f.apiTokens.revoke(alice, created.row().getTokenId());
        assertThrows(InvalidTokenException.class, () -> f.apiTokens.verify(created.token()));
    }

    @Test
    void onlyTheOwnerOrAnAdminRevokes() throws Exception {
        Principal alice = f.login("alice", "read");
        Principal mallory = f.login("mallory", "read", "write");
        Principal admin = f.login("boss", "read", "write", "admin");
        String id = f.apiTokens.create(alice, "ci", Set.of("read"), null).row().getTokenId();
        assertEquals(404, ErrorStatus.of(assertThrows(DomainException.class, () -> f.apiTokens.revoke(mallory, id)).code()));
        f.apiTokens.revoke(admin, id);
        assertTrue(f.tokenRepository.apiTokens.isEmpty());
    }

    @Test
    void apiTokensCannotMintApiTokensNorRefresh() throws Exception {
        Principal alice = f.login("alice", "read", "write");
        Principal ci = f.apiTokens.verify(f.apiTokens.create(alice, "ci", Set.of("read", "write"), null).token());
        assertEquals(403, ErrorStatus.of(assertThrows(DomainException.class, () -> f.apiTokens.create(ci, "more", Set.of("read"), null)).code()));
        assertEquals(400, ErrorStatus.of(assertThrows(DomainException.class, () -> f.tokens.refresh(ci)).code()));
    }

    @Test
    void namesAreUniquePerOwnerAndTheCountIsLimited() throws Exception {
        Principal alice = f.login("alice", "read");
        f.apiTokens.create(alice, "one", Set.of("read"), null);
        assertEquals(409, ErrorStatus.of(assertThrows(DomainException.class, () -> f.apiTokens.create(alice, "one", Set.of("read"), null)).code()));
        f.apiTokens.create(alice, "two", Set.of("read"), null);
        f.apiTokens.create(alice, "three", Set.of("read"), null);
        assertEquals("CONFLICT", assertThrows(DomainException.class, () -> f.apiTokens.create(alice, "four", Set.of("read"), null)).code().name());
    }

    @Test
    void deletingTheOwnerDeletesTheirTokens() throws Exception {
        Principal alice = f.login("alice", "read");
        String token = f.apiTokens.create(alice, "ci", Set.of("read"), null).token();
        f.apiTokens.revokeAllOf("alice");
        assertNull(f.tokenRepository.apiTokens.values().stream().findFirst().orElse(null));
        assertThrows(InvalidTokenException.class, () -> f.apiTokens.verify(token));
    }
}
