package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import org.junit.jupiter.api.Test;

class NamespacePatternTest {
    @Test
    void exactPatternMatchesOnlyItself() {
        NamespacePattern acme = NamespacePattern.parse("acme");
        assertTrue(acme.matches("acme"));
        assertFalse(acme.matches("acme-web"));
        assertFalse(acme.matches("acm"));
        assertFalse(acme.matches("ACME"), "patterns compare with stored, lower-case namespaces");
        assertFalse(acme.matches(null));
    }

    @Test
    void trailingStarIsAPrefix() {
        NamespacePattern team = NamespacePattern.parse(" acme-* ");
        assertEquals("acme-*", team.text());
        assertTrue(team.matches("acme-web"));
        assertTrue(team.matches("acme-"));
        assertFalse(team.matches("acme"), "acme-* does not cover acme itself");
        assertFalse(team.matches("xacme-web"));
        assertTrue(NamespacePattern.parse("acme*").matches("acme"));
        assertTrue(NamespacePattern.parse("*").matches("anything.at-all"));
    }

    @Test
    void everythingElseIsRefusedWithAReason() {
        for (String bad : new String[] {"", "  ", "Acme", "a*b", "*acme", "acme**", "ac me", "-acme", "acme/x", "a".repeat(129),
                "acme?", "**", null}) {
            DomainException e = assertThrows(DomainException.class, () -> NamespacePattern.parse(bad), String.valueOf(bad));
            assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
            assertTrue(e.getMessage().contains("optionally ending in one *"), e.getMessage());
        }
        assertEquals(129, NamespacePattern.parse("a".repeat(128) + "*").text().length());
    }
}
