package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How an external issuer's groups claim is read. */
class OidcGroupsClaimTest {
    @Test
    void arraysAndSpaceSeparatedStringsAreGroupsAnythingElseIsNone() {
        assertEquals(Set.of("a", "b"), OidcTokens.groups(List.of("a", "b", "", 3)));
        assertEquals(Set.of("a", "b"), OidcTokens.groups(" a  b "));
        assertEquals(Set.of(), OidcTokens.groups(null));
        assertEquals(Set.of(), OidcTokens.groups(Map.of("a", 1)));
        assertEquals(Set.of(), OidcTokens.groups(42));
    }
}
