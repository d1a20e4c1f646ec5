package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.auth.jpa.GrantRow;
import com.goodpackagerepo.error.DomainException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceGrantsTest {
    final AuthFixture f = new AuthFixture();

    @Test
    void createListDeleteAreAudited() {
        NamespaceGrant g = f.grants.create("admin", "user", " ann ", "acme-*", "write");
        assertEquals("ann", g.subject());
        assertTrue(g.id().startsWith("g_"));
        assertEquals(List.of(g), f.grants.list());
        f.grants.delete("admin", g.id());
        assertTrue(f.grants.list().isEmpty());
        assertEquals(List.of("grant.created", "grant.deleted"), f.audit.types);
        assertEquals("acme-*", NamespaceGrants.describe(g).path("pattern").asText());
    }

    @Test
    void badFieldsAre400AndNothingIsStored() {
        for (String[] bad : new String[][] {
                {"role", "ann", "acme", "read"}, {"user", "Ann!", "acme", "read"}, {"user", "ann", "ac*me", "read"},
                {"user", "ann", "acme", "owner"}, {"group", " ", "acme", "read"}, {"group", "a\nb", "acme", "read"},
                {null, "ann", "acme", "read"}, {"user", "ann", null, "read"}}) {
            DomainException e = assertThrows(DomainException.class, () -> f.grants.create("admin", bad[0], bad[1], bad[2], bad[3]));
            assertEquals(400, ErrorStatus.of(e.code()), String.join(",", String.valueOf(bad[0]), bad[1]));
        }
        assertTrue(f.grantRepository.rows.isEmpty());
        assertTrue(f.audit.types.isEmpty());
    }

    @Test
    void groupNamesMayBeDirectoryNames() {
        assertEquals("cn=Web Team,ou=groups,dc=example,dc=org",
                f.grants.create("admin", "group", "cn=Web Team,ou=groups,dc=example,dc=org", "web", "admin").subject());
    }

    @Test
    void theSameGrantTwiceIs409AndALostRaceToo() {
        f.grants.create("admin", "user", "ann", "acme", "read");
        assertEquals(409, ErrorStatus.of(assertThrows(DomainException.class,
                () -> f.grants.create("admin", "user", "ann", "acme", "read")).code()));
        f.grants.create("admin", "user", "ann", "acme", "write");
        f.grantRepository.failNextInsert = new GrantRow("g_other", "user", "bob", "x", "read", 0, "admin");
        assertEquals(409, ErrorStatus.of(assertThrows(DomainException.class,
                () -> f.grants.create("admin", "user", "bob", "x", "read")).code()));
        assertEquals(3, f.grants.list().size());
    }

    @Test
    void deletingAnUnknownGrantIs404() {
        assertEquals(404, ErrorStatus.of(assertThrows(DomainException.class, () -> f.grants.delete("admin", "g_nope")).code()));
        assertEquals(404, ErrorStatus.of(assertThrows(DomainException.class, () -> f.grants.delete("admin", null)).code()));
    }

    @Test
    void theSnapshotIsReusedWithinTheCacheTime() {
        f.grants.cacheSeconds = 3600;
        f.grants.current();
        f.grants.current();
        assertEquals(1, f.grantRepository.reads);
        f.grantRepository.rows.put("g_x", new GrantRow("g_x", "user", "ann", "acme", "read", 0, "other-node"));
        assertTrue(f.grants.current().isEmpty(), "another node's change is seen after the cache time");
        f.grants.create("admin", "user", "bob", "acme", "read");
        assertEquals(2, f.grants.current().size(), "a local change is seen at once");
    }

    @Test
    void tokensMayAskForAScopeHeldOnlyThroughAGrantAndAreNarrowed() throws Exception {
        Principal ann = f.login("ann", "read");
        assertEquals(403, ErrorStatus.of(assertThrows(DomainException.class,
                () -> f.apiTokens.create(ann, "ci", Set.of("read", "write"), null)).code()));
        f.grants.create("admin", "user", "ann", "acme", "write");
        ApiTokenService.Created created = f.apiTokens.create(ann, "ci", Set.of("read", "write"), null, List.of("acme", "acme"));
        assertEquals(List.of("acme"), created.row().getNamespaces());
        Principal token = f.apiTokens.verify(created.token());
        assertEquals(Set.of("read"), token.scopes(), "the global write scope is not given");
        ApiTokenLimits limits = f.apiTokens.limits(token.tokenId());
        assertEquals(NamespaceAction.WRITE, limits.ceiling());
        assertEquals(List.of(NamespacePattern.parse("acme")), limits.namespaces());
        assertEquals(400, ErrorStatus.of(assertThrows(DomainException.class,
                () -> f.apiTokens.create(ann, "bad", Set.of("read"), null, List.of("Acme*x"))).code()));
        assertEquals(400, ErrorStatus.of(assertThrows(DomainException.class,
                () -> f.apiTokens.create(ann, "many", Set.of("read"), null,
                        java.util.stream.IntStream.range(0, 16).mapToObj(i -> "ns" + i).toList())).code()));
        f.apiTokens.revoke(ann, token.tokenId());
        ApiTokenLimits gone = f.apiTokens.limits(token.tokenId());
        assertEquals(null, gone.ceiling());
        assertTrue(!gone.reaches("acme"), "a revoked token reaches nothing");
    }
}
