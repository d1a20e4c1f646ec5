package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server's own principal ({@link Principal.Kind#SYSTEM}, the Maven proxy's cache fill) against the access
 * policy in restricted mode, where the global {@code write} scope alone does not reach a namespace.
 */
class NamespacePermissionsTest {
    private final AuthFixture f = new AuthFixture();

    private NamespacePermissions permissions() {
        NamespacePermissions permissions = new NamespacePermissions();
        permissions.grants = f.grants;
        permissions.apiTokens = f.apiTokens;
        permissions.settings = f.settings;
        permissions.restricted = true;
        return permissions;
    }

    @Test
    void aSystemPrincipalCanFillTheCacheInRestrictedMode() {
        Principal proxy = Principal.system("proxy:central", Set.of("read", "write"));
        NamespaceAccess access = permissions().of(proxy, NamespaceAccessTest.SCOPES);
        assertTrue(access.allowsOp("acme", "blob.put", NamespaceAction.WRITE));
        assertTrue(access.allowsOp("acme", "index.upsert", NamespaceAction.WRITE));
    }

    @Test
    void anApiTokenWithoutAnIdIsNotTheSystemPrincipal() {
        Principal idless = new Principal("proxy:central", Set.of("read", "write"), null, false,
                Principal.Kind.API_TOKEN, null, null);
        NamespaceAccess access = permissions().of(idless, NamespaceAccessTest.SCOPES);
        assertFalse(access.allowsOp("acme", "blob.put", NamespaceAction.WRITE));
        assertFalse(access.allows("acme", NamespaceAction.READ));
    }

    @Test
    void restrictedModeStillStopsAUserAtTheGlobalWriteScope() {
        Principal user = new Principal("proxy:central", Set.of("read", "write"), "jti-1", false);
        assertFalse(permissions().of(user, NamespaceAccessTest.SCOPES)
                .allowsOp("acme", "blob.put", NamespaceAction.WRITE));
    }
}
