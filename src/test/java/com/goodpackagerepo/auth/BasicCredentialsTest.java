package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HTTP Basic the way Maven sends it: user name + API token; the password only when turned on. */
class BasicCredentialsTest {
    private final AuthFixture f = new AuthFixture();
    private final BasicCredentials basic = new BasicCredentials();

    BasicCredentialsTest() {
        basic.apiTokens = f.apiTokens;
        basic.users = f.users;
        basic.clock = f.clock;
    }

    private static String header(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void userNameAndApiTokenOfThatUser() throws Exception {
        String token = f.apiTokens.create(f.login("alice", "read", "write"), "maven", Set.of("read", "write"), null).token();
        f.login("bob", "read");
        assertTrue(BasicCredentials.isBasic(header("alice", token)));
        Principal p = basic.verify(header("alice", token));
        assertEquals("alice", p.sub());
        assertEquals(Set.of("read", "write"), p.scopes());
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("bob", token)), "another user's token");
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("alice", token + "x")));
        assertThrows(InvalidTokenException.class, () -> basic.verify("Basic not-base64!"));
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("", token)));
    }

    @Test
    void passwordsOnlyWhenAllowedAndNeverASession() throws Exception {
        f.login("carol", "read");
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("carol", "Sturdy-Test-Passphrase-42")));
        basic.allowPassword = true;
        Principal p = basic.verify(header("carol", "Sturdy-Test-Passphrase-42"));
        assertEquals("carol", p.sub());
        assertNotEquals(Principal.Kind.SESSION, p.kind(), "a Basic password caller cannot mint tokens");
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("carol", "wrong-password-123")));
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("nobody", "Sturdy-Test-Passphrase-42")));
    }

    /** The 60 s memory of a checked password does not outlive a password change (here, or on another cluster node). */
    @Test
    void aChangedPasswordIsRefusedAtOnceDespiteTheRememberedCheck() throws Exception {
        f.login("dave", "read");
        basic.allowPassword = true;
        assertEquals("dave", basic.verify(header("dave", "Sturdy-Test-Passphrase-42")).sub());
        f.users.changePassword("dave", "Sturdy-Test-Passphrase-42", "Another-Sturdy-Phrase-77");
        assertThrows(InvalidTokenException.class, () -> basic.verify(header("dave", "Sturdy-Test-Passphrase-42")));
        assertEquals("dave", basic.verify(header("dave", "Another-Sturdy-Phrase-77")).sub());
    }
}
