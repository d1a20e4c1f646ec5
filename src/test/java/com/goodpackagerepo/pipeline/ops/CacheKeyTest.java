package com.goodpackagerepo.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.pipeline.TestContexts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The response-cache key stands for the caller, not the token text, and never merges different callers. */
class CacheKeyTest {
    private static final List<String> VARY = List.of("Accept", "Authorization");

    private static String key(Principal principal, String token, String accept) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        if (token != null) {
            headers.put("authorization", List.of("Bearer " + token));
        }
        if (accept != null) {
            headers.put("accept", List.of(accept));
        }
        return CacheOps.key("response", "/v1/acme/app/latest", VARY, TestContexts.context(principal, "", headers));
    }

    private static Principal user(String sub, String... scopes) {
        return new Principal(sub, new LinkedHashSet<>(List.of(scopes)), "jti-" + System.nanoTime(), false);
    }

    @Test
    void twoTokensOfTheSameCallerShareTheKeyAndTheKeyHoldsNoToken() {
        String token = "eyJ" + "x".repeat(700);
        String first = key(user("alice", "read", "write"), token, "application/json");
        String second = key(user("alice", "write", "read"), "eyJ" + "y".repeat(700), "application/json");
        assertEquals(first, second);
        assertFalse(first.contains(token), "the bearer token is not part of the key");
        assertTrue(first.length() < 100, first);
    }

    @Test
    void callersWithDifferentUsersOrScopesNeverShareAKey() {
        String alice = key(user("alice", "read"), "t1", null);
        assertNotEquals(alice, key(user("bob", "read"), "t1", null));
        assertNotEquals(alice, key(user("alice", "read", "write"), "t1", null));
        assertNotEquals(alice, key(user("alice"), "t1", null), "a token whose scopes were all withdrawn");
        assertNotEquals(alice, key(Principal.anonymousReader(), null, null));
        assertNotEquals(key(Principal.anonymousReader(), null, null), key(user("anonymous", "read"), "t", null),
                "a user called anonymous is not the anonymous reader");
    }

    @Test
    void otherVaryHeadersStillSplitEntries() {
        Principal alice = user("alice", "read");
        assertNotEquals(key(alice, "t", "application/json"), key(alice, "t", "text/plain"));
        assertNotEquals(key(alice, "t", null), key(alice, "t", "application/json"));
    }

    @Test
    void valuesCannotImitateOtherParts() {
        assertNotEquals(key(user("a|1:b", "read"), "t", null), key(user("a", "b", "read"), "t", null));
        assertNotEquals(key(user("alice", "read"), "t", "x|5:user:"), key(user("alice", "read"), "t", "x"));
    }

    @Test
    void withoutAVerifiedCallerTheRawHeaderIsUsed() {
        assertEquals("", CacheOps.caller(null, null));
        assertNotEquals(CacheOps.caller(null, "Bearer a"), CacheOps.caller(null, "Bearer b"));
        assertNotEquals(CacheOps.caller(null, "Bearer a"), CacheOps.caller(user("alice", "read"), "Bearer a"));
        assertEquals(CacheOps.caller(user("alice", "read", "write"), "x"),
                CacheOps.caller(new Principal("alice", Set.of("write", "read"), "other", false, Principal.Kind.API_TOKEN,
                        null, null), "y"));
    }
}
