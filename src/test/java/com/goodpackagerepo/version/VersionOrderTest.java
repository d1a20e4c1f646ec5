package com.goodpackagerepo.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    private static int keyCompare(String a, String b) {
        return Integer.signum(Arrays.compareUnsigned(VersionOrder.sortKey(a), VersionOrder.sortKey(b)));
    }

    /** Asserts that the list is strictly ascending under both compare and the key bytes. */
    private static void assertAscending(List<String> ordered) {
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                int expected = Integer.compare(i, j);
                String a = ordered.get(i);
                String b = ordered.get(j);
                assertEquals(expected, VersionOrder.compare(a, b), a + " vs " + b);
                assertEquals(expected, keyCompare(a, b), "keys of " + a + " vs " + b);
            }
        }
        List<String> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(1));
        shuffled.sort(VersionOrder.COMPARATOR);
        assertEquals(ordered, shuffled);
    }

    @Test
    void semverSpecExample() {
        assertAscending(List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"));
    }

    @Test
    void numbersCompareNumericallyWithoutOverflow() {
        String huge = "1" + "0".repeat(40);
        assertAscending(List.of("1.9.0", "1.10.0", "1.100.0", "9.0.0", "10.0.0", "99999999999999999999.0.0",
                huge + ".0.0", huge + ".0.1"));
        assertAscending(List.of("1.0.0-2", "1.0.0-10", "1.0.0-" + huge, "1.0.0-a"));
    }

    @Test
    void alphanumericIdentifiersCompareInAsciiOrder() {
        // semver4j compares "a10" > "a9"; SemVer 2.0.0 says ASCII order, so "a10" < "a9".
        assertAscending(List.of("1.0.0-A", "1.0.0-a", "1.0.0-a-1", "1.0.0-a1", "1.0.0-a10", "1.0.0-a9", "1.0.0-b"));
        assertAscending(List.of("1.0.0-0", "1.0.0-0a", "1.0.0-1a", "1.0.0-undef", "1.0.0"));
    }

    @Test
    void buildMetadataIsIgnoredButKeysStayUnique() {
        assertEquals(0, VersionOrder.compare("1.0.0+a", "1.0.0+b"));
        assertEquals(0, VersionOrder.compare("1.0.0", "1.0.0+build.5"));
        assertNotEquals(0, keyCompare("1.0.0+a", "1.0.0+b"));
        assertNotEquals(0, keyCompare("1.0.0", "1.0.0+a"));
        assertEquals(-1, keyCompare("1.0.0-rc.1+zzz", "1.0.0+aaa"));
        assertEquals(-1, keyCompare("1.0.0+zzz", "1.0.1+aaa"));
    }

    @Test
    void nonSemverSortsBelowSemverInNaturalOrder() {
        assertAscending(List.of("1", "1.0", "1.0.0.0", "1.1", "1.2", "1.10", "1a", "2", "10", "2024-01-05",
                "a", "a.1", "a.2", "a.10", "b", "v1.0", "v1.9", "v1.10", "0.0.0-alpha", "0.0.0"));
        assertAscending(List.of("01.2.3", "1.02.3", "1.2.3-01", "1.2.3.4", "1.2.3"));
    }

    @Test
    void nonSemverTiesAreBrokenByTheRawString() {
        assertEquals(-1, VersionOrder.compare("1.01", "1.1"));
        assertEquals(-1, keyCompare("1.01", "1.1"));
        assertEquals(1, VersionOrder.compare("1.1", "01.1"));
    }

    @Test
    void prereleaseOnlyForStrictSemver() {
        assertTrue(VersionOrder.isPrerelease("1.0.0-rc.1"));
        assertTrue(VersionOrder.isPrerelease("1.0.0-0+build"));
        assertFalse(VersionOrder.isPrerelease("1.0.0"));
        assertFalse(VersionOrder.isPrerelease("1.0.0+build-x"));
        assertFalse(VersionOrder.isPrerelease("1.0-rc1"));
        assertFalse(VersionOrder.isPrerelease("1.0.0-01"));
    }

    @Test
    void strictParsing() {
        for (String valid : List.of("0.0.0", "1.2.3-rc.1+b.2", "1.0.0-x-y-z.--", "1.0.0+0001", "1.0.0-0a")) {
            assertTrue(SemanticVersion.parse(valid).isPresent(), valid);
        }
        for (String invalid : List.of("v1.0.0", "1.0", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0+", "1.0.0-a..b",
                "1.0.0+a+b", "1.0.0_1", "1.0.0.0")) {
            assertFalse(SemanticVersion.parse(invalid).isPresent(), invalid);
        }
    }

    @Test
    void rejectsStringsOutsideTheAllowedPattern() {
        for (String bad : List.of("", "-1", ".1", "1.0/2", "1 0", "a".repeat(129), "1.0.0\u0000")) {
            assertThrows(IllegalArgumentException.class, () -> VersionOrder.sortKey(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> VersionOrder.isPrerelease(null));
        assertTrue(VersionOrder.isAllowed("a".repeat(128)));
        VersionOrder.sortKey("9".repeat(128));
    }
}
