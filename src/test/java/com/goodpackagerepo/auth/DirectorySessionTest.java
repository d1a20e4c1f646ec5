package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Session tokens of directory users: scopes from group mappings, revocation, name clashes, no refresh. */
class DirectorySessionTest {
    private final AuthFixture f = new AuthFixture();

    private Principal login(String user, Set<String> groups) throws InvalidTokenException {
        Set<String> scopes = f.groupMappings.scopesFor(groups);
        return f.tokens.verify(f.tokens.issueForDirectoryUser(user, scopes, groups).token());
    }

    @Test
    void scopesAreTheUnionOfTheGroupsMappings() throws Exception {
        f.groupMappings.put("admin", "devs", Set.of("write"));
        f.groupMappings.put("admin", "readers", Set.of("read"));
        Principal alice = login("alice", Set.of("devs", "readers", "unmapped"));
        assertEquals(Principal.Kind.DIRECTORY, alice.kind());
        assertEquals(Set.of("read", "write"), alice.scopes());
        assertEquals(Set.of("devs", "readers", "unmapped"), alice.groups());
        assertEquals(List.of("auth.group_mapping_set", "auth.group_mapping_set"), f.audit.types);
    }

    @Test
    void aMappingChangeAppliesToLiveSessionsButNeverAddsScopes() throws Exception {
        f.groupMappings.put("admin", "devs", Set.of("read", "write"));
        String token = f.tokens.issueForDirectoryUser("bob", Set.of("read", "write"), Set.of("devs")).token();
        f.groupMappings.put("admin", "devs", Set.of("read", "admin"));
        assertEquals(Set.of("read"), f.tokens.verify(token).scopes(), "admin was not in the token; write was taken away");
        f.groupMappings.delete("admin", "devs");
        assertEquals(Set.of(), f.tokens.verify(token).scopes());
        assertThrows(DomainException.class, () -> f.groupMappings.delete("admin", "devs"));
    }

    @Test
    void aLocalUserOfTheSameNameVoidsTheDirectorySession() throws Exception {
        f.groupMappings.put("admin", "devs", Set.of("read"));
        String token = f.tokens.issueForDirectoryUser("carol", Set.of("read"), Set.of("devs")).token();
        f.tokens.verify(token);
        f.users.create("carol", "Sturdy-Test-Passphrase-42", Set.of("read"));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token));
        assertEquals("token revoked", e.getMessage());
    }

    @Test
    void directorySessionsAreRevokedByLogoutAndNotRefreshed() throws Exception {
        Principal dave = login("dave", Set.of());
        DomainException refresh = assertThrows(DomainException.class, () -> f.tokens.refresh(dave));
        assertEquals(ErrorCode.INVALID_REQUEST, refresh.code());
        String token = f.tokens.issueForDirectoryUser("erin", Set.of(), Set.of()).token();
        f.tokens.revoke(f.tokens.verify(token));
        assertThrows(InvalidTokenException.class, () -> f.tokens.verify(token));
    }

    @Test
    void mappingsAreValidated() {
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(DomainException.class,
                () -> f.groupMappings.put("admin", "devs", Set.of("root"))).code());
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(DomainException.class,
                () -> f.groupMappings.put("admin", "a\u0001b", Set.of("read"))).code());
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(DomainException.class,
                () -> f.groupMappings.put("admin", " ", Set.of("read"))).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(DomainException.class, () -> f.groupMappings.get("nope")).code());
        assertTrue(f.audit.types.isEmpty());
    }

    @Test
    void theCallerIsAJsonWebTokenWithItsScopesAsGroups() throws Exception {
        f.groupMappings.put("admin", "devs", Set.of("read", "write"));
        String raw = f.tokens.issueForDirectoryUser("frank", Set.of("read", "write"), Set.of("devs")).token();
        Principal frank = f.tokens.verify(raw);
        JsonWebToken jwt = CallerToken.of(frank, raw);
        assertEquals("frank", jwt.getName());
        assertEquals(Set.of("read", "write"), jwt.getGroups());
        assertEquals("good-package-repo", jwt.getIssuer());
        assertEquals(raw, jwt.getRawToken());
        assertEquals(Set.of("devs"), CallerToken.identityGroups(jwt));
        assertEquals("directory", jwt.getClaim("gpr_kind"));
        JsonWebToken nobody = CallerToken.of(Principal.anonymousReader(), null);
        assertEquals(null, nobody.getName());
        assertTrue(nobody.getGroups().isEmpty());
    }
}
