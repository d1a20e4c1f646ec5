package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.schema.AuthDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The grant model as a matrix: caller × namespace × action, in the default and the restricted mode. */
class NamespaceAccessTest {
    static final AuthDef SCOPES = AuthDef.scopes(Json.parse("""
            [{"name":"read","actions":["blob.get","kv.get","index.query"]},
             {"name":"write","actions":["blob.put","kv.put","kv.cas_put","index.upsert","index.delete"]},
             {"name":"admin","actions":["*"]}]"""));
    static final List<NamespaceGrant> GRANTS = List.of(
            grant(NamespaceGrant.SubjectKind.USER, "ann", "acme", NamespaceAction.WRITE),
            grant(NamespaceGrant.SubjectKind.GROUP, "team-web", "web-*", NamespaceAction.ADMIN),
            grant(NamespaceGrant.SubjectKind.USER, "rita", "acme", NamespaceAction.READ),
            grant(NamespaceGrant.SubjectKind.USER, "wes", "acme-*", NamespaceAction.WRITE));

    static NamespaceGrant grant(NamespaceGrant.SubjectKind kind, String subject, String pattern, NamespaceAction action) {
        return new NamespaceGrant("g_" + subject + pattern, kind, subject, NamespacePattern.parse(pattern), action,
                Instant.EPOCH, "admin");
    }

    static Principal session(String user, Set<String> scopes, Set<String> groups) {
        return new Principal(user, scopes, "jti-" + user, false, Principal.Kind.SESSION, null, null, groups);
    }

    static NamespaceAccess access(Principal p, boolean restricted) {
        return NamespaceAccess.of(p, SCOPES, GRANTS, restricted, false, ApiTokenLimits.NONE);
    }

    /** "R", "W", "A": the strongest action allowed; "-": none. */
    static String strongest(NamespaceAccess access, String namespace) {
        if (access.allows(namespace, NamespaceAction.ADMIN)) {
            return "A";
        }
        if (access.allows(namespace, NamespaceAction.WRITE)) {
            return "W";
        }
        return access.allows(namespace, NamespaceAction.READ) ? "R" : "-";
    }

    static final List<String> NAMESPACES = List.of("acme", "acme-tools", "web-shop", "other");
    static final Map<String, Principal> CALLERS = Map.of(
            "ann (read scope, write grant on acme)", session("ann", Set.of("read"), Set.of()),
            "gil (no scope, group team-web: admin on web-*)", session("gil", Set.of(), Set.of("team-web")),
            "rita (no scope, read grant on acme)", session("rita", Set.of(), Set.of()),
            "wes (write scope, write grant on acme-*)", session("wes", Set.of("read", "write"), Set.of()),
            "root (admin scope)", session("root", Set.of("admin"), Set.of()),
            "nobody (metrics scope)", session("nobody", Set.of("metrics"), Set.of()));

    @Test
    void defaultModeGlobalScopesStillReachEveryNamespaceAndGrantsAddToThem() {
        Map<String, String> expected = Map.of(
                "ann (read scope, write grant on acme)", "W R R R",
                "gil (no scope, group team-web: admin on web-*)", "- - A -",
                "rita (no scope, read grant on acme)", "R - - -",
                "wes (write scope, write grant on acme-*)", "W W W W",
                "root (admin scope)", "A A A A",
                "nobody (metrics scope)", "- - - -");
        assertMatrix(expected, false);
    }

    @Test
    void restrictedModeGlobalWriteStopsAtTheGrantedNamespaces() {
        Map<String, String> expected = Map.of(
                "ann (read scope, write grant on acme)", "W R R R",
                "gil (no scope, group team-web: admin on web-*)", "- - A -",
                "rita (no scope, read grant on acme)", "R - - -",
                "wes (write scope, write grant on acme-*)", "R W R R",
                "root (admin scope)", "A A A A",
                "nobody (metrics scope)", "- - - -");
        assertMatrix(expected, true);
    }

    private static void assertMatrix(Map<String, String> expected, boolean restricted) {
        List<String> wrong = new ArrayList<>();
        expected.forEach((caller, row) -> {
            NamespaceAccess access = access(CALLERS.get(caller), restricted);
            String actual = String.join(" ", NAMESPACES.stream().map(ns -> strongest(access, ns)).toList());
            if (!actual.equals(row)) {
                wrong.add(caller + ": expected " + row + " got " + actual);
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void opChecksUseTheOpsActionGloballyAndTheLevelForGrants() {
        NamespaceAccess ann = access(CALLERS.get("ann (read scope, write grant on acme)"), false);
        assertTrue(ann.allowsOp("acme", "blob.put", NamespaceAction.WRITE));
        assertFalse(ann.allowsOp("other", "blob.put", NamespaceAction.WRITE));
        assertTrue(ann.allowsOp("other", "kv.get", NamespaceAction.READ));
        assertFalse(ann.allowsOp(null, "blob.put", NamespaceAction.WRITE), "no namespace: grants cannot apply");
        NamespaceAccess wes = access(CALLERS.get("wes (write scope, write grant on acme-*)"), true);
        assertTrue(wes.allowsOp("acme-x", "kv.cas_put", NamespaceAction.WRITE));
        assertFalse(wes.allowsOp("acme", "kv.cas_put", NamespaceAction.WRITE));
        assertTrue(wes.allowsOp(null, "kv.get", NamespaceAction.READ));
    }

    @Test
    void groupGrantsNeedTheGroupOnThePrincipal() {
        assertEquals("-", strongest(access(session("gil", Set.of(), Set.of()), false), "web-shop"));
        assertEquals("A", strongest(access(session("someone", Set.of(), Set.of("team-web", "x")), false), "web-a"));
        assertEquals("-", strongest(access(session("team-web", Set.of(), Set.of()), false), "web-a"),
                "a user named like the group is not in it");
    }

    @Test
    void apiTokensUseGrantsOnlyUpToTheirScopesAndOnlyInTheirNamespaces() {
        Principal annToken = new Principal("ann", Set.of("read"), "tok", false, Principal.Kind.API_TOKEN, null, null);
        NamespaceAccess readOnly = NamespaceAccess.of(annToken, SCOPES, GRANTS, false, false,
                new ApiTokenLimits(NamespaceAction.READ, List.of()));
        assertEquals("R", strongest(readOnly, "acme"), "a read token does not use the write grant");
        NamespaceAccess writer = NamespaceAccess.of(annToken, SCOPES, GRANTS, false, false,
                new ApiTokenLimits(NamespaceAction.WRITE, List.of()));
        assertEquals("W", strongest(writer, "acme"));
        NamespaceAccess narrowed = NamespaceAccess.of(annToken, SCOPES, GRANTS, false, false,
                new ApiTokenLimits(NamespaceAction.WRITE, List.of(NamespacePattern.parse("acme"))));
        assertEquals("W", strongest(narrowed, "acme"));
        assertEquals("-", strongest(narrowed, "other"), "narrowed: not even the global read scope reaches other");
        assertFalse(narrowed.allowsOp(null, "kv.get", NamespaceAction.READ), "narrowed: nothing without a namespace");
        Principal rootToken = new Principal("root", Set.of("admin"), "tok2", false, Principal.Kind.API_TOKEN, null, null);
        NamespaceAccess rootNarrowed = NamespaceAccess.of(rootToken, SCOPES, GRANTS, false, false,
                new ApiTokenLimits(NamespaceAction.ADMIN, List.of(NamespacePattern.parse("web-*"))));
        assertEquals("A", strongest(rootNarrowed, "web-shop"));
        assertEquals("-", strongest(rootNarrowed, "acme"), "an admin's narrowed token is narrowed too");
        assertFalse(rootNarrowed.unlimited());
        NamespaceAccess narrowedBeyondOwner = NamespaceAccess.of(annToken, SCOPES, GRANTS, false, false,
                new ApiTokenLimits(NamespaceAction.WRITE, List.of(NamespacePattern.parse("other"))));
        assertEquals("R", strongest(narrowedBeyondOwner, "other"), "narrowing never adds rights");
        NamespaceAccess metricsToken = NamespaceAccess.of(annToken, SCOPES, GRANTS, false, false,
                new ApiTokenLimits(null, List.of()));
        assertFalse(metricsToken.granted("acme", NamespaceAction.READ));
    }

    @Test
    void anonymousCallersReadOnlyWhenAnonymousReadsAreOnAndHaveNoGrants() {
        Principal anon = Principal.anonymousReader();
        assertTrue(NamespaceAccess.of(anon, SCOPES, GRANTS, true, true, ApiTokenLimits.NONE).allows("acme", NamespaceAction.READ));
        assertFalse(NamespaceAccess.of(anon, SCOPES, GRANTS, false, true, ApiTokenLimits.NONE).allows("acme", NamespaceAction.WRITE));
        assertFalse(NamespaceAccess.of(anon, SCOPES, GRANTS, false, false, ApiTokenLimits.NONE).allows("acme", NamespaceAction.READ));
        assertTrue(NamespaceAccess.of(anon, SCOPES, GRANTS, false, false, ApiTokenLimits.NONE).grants().isEmpty());
        assertFalse(NamespaceAccess.of(null, SCOPES, GRANTS, false, false, ApiTokenLimits.NONE).readsSomewhere());
    }

    @Test
    void theSystemPrincipalIsNotRestrictedButNoOtherKindCanPoseAsIt() {
        Principal proxy = Principal.system("proxy:central", Set.of("read", "write"));
        assertTrue(access(proxy, true).allowsOp("acme", "blob.put", NamespaceAction.WRITE));
        Principal session = new Principal("proxy:central", Set.of("read", "write"), "some-jti", false);
        assertFalse(access(session, true).allowsOp("acme", "blob.put", NamespaceAction.WRITE));
        Principal idless = new Principal("proxy:central", Set.of("read", "write"), null, false, Principal.Kind.SESSION,
                null, null);
        assertFalse(access(idless, true).allowsOp("acme", "blob.put", NamespaceAction.WRITE));
    }

    @Test
    void readsSomewhereCountsScopesAndUsableGrants() {
        assertTrue(access(CALLERS.get("rita (no scope, read grant on acme)"), false).readsSomewhere());
        assertFalse(access(CALLERS.get("nobody (metrics scope)"), false).readsSomewhere());
        assertTrue(access(CALLERS.get("gil (no scope, group team-web: admin on web-*)"), false).grantedSomewhere(NamespaceAction.ADMIN));
        assertFalse(access(CALLERS.get("rita (no scope, read grant on acme)"), false).grantedSomewhere(NamespaceAction.WRITE));
    }
}
