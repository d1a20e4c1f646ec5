package com.goodpackagerepo.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

/**
 * Checks the byte keys against semver4j. The generator stays where semver4j follows SemVer 2.0.0: it
 * compares alphanumeric identifiers containing digits naturally ("a10" > "a9", against the spec), treats the
 * identifier "undef" specially and overflows past int, so those cases are covered by hand in VersionOrderTest.
 */
class VersionOrderPropertyTest {

    private static final String[] WORDS = {"alpha", "beta", "rc", "a", "b", "A", "Z", "x-y", "-", "--", "pre", "zeta"};

    private final Random random = new Random(20240601L);

    private String number() {
        int kind = random.nextInt(4);
        return String.valueOf(kind == 0 ? random.nextInt(3) : kind == 1 ? random.nextInt(20) : random.nextInt(100_000));
    }

    private String identifier() {
        return random.nextBoolean() ? number() : WORDS[random.nextInt(WORDS.length)];
    }

    private String version() {
        StringBuilder v = new StringBuilder().append(number()).append('.').append(number()).append('.').append(number());
        if (random.nextInt(3) > 0) {
            v.append('-').append(identifier());
            for (int n = random.nextInt(4); n > 0; n--) {
                v.append('.').append(identifier());
            }
        }
        if (random.nextInt(4) == 0) {
            v.append('+').append(WORDS[random.nextInt(WORDS.length)]).append(".").append(random.nextInt(1000));
        }
        return v.toString();
    }

    @Test
    void keyOrderMatchesSemver4j() {
        List<String> versions = new ArrayList<>(List.of("1.9.0", "1.10.0", "1.0.0-alpha", "1.0.0-alpha.1",
                "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "0.0.0", "0.0.0-0"));
        for (int i = 0; i < 3000; i++) {
            versions.add(version());
        }
        List<byte[]> keys = versions.stream().map(VersionOrder::sortKey).toList();
        List<Semver> oracle = versions.stream().map(Semver::new).toList();
        for (int n = 0; n < 30_000; n++) {
            int i = random.nextInt(versions.size());
            int j = n < versions.size() ? (i + 1) % versions.size() : random.nextInt(versions.size());
            int expected = Integer.signum(oracle.get(i).compareTo(oracle.get(j)));
            String pair = versions.get(i) + " vs " + versions.get(j);
            assertEquals(expected, VersionOrder.compare(versions.get(i), versions.get(j)), pair);
            if (expected != 0) {
                assertEquals(expected, Integer.signum(Arrays.compareUnsigned(keys.get(i), keys.get(j))), pair);
            } else {
                assertEquals(versions.get(i).equals(versions.get(j)), Arrays.equals(keys.get(i), keys.get(j)), pair);
            }
        }
    }

    @Test
    void sortingByKeyEqualsSortingByCompareForAnyAllowedString() {
        String alphabet = "0123456789.-+abcAZv";
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            versions.add(i % 2 == 0 ? version() : randomString(alphabet));
        }
        Map<String, byte[]> keys = new HashMap<>();
        versions.forEach(v -> keys.put(v, VersionOrder.sortKey(v)));
        List<String> byKey = new ArrayList<>(versions);
        byKey.sort((a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
        for (int i = 1; i < byKey.size(); i++) {
            String previous = byKey.get(i - 1);
            String current = byKey.get(i);
            int order = VersionOrder.compare(previous, current);
            if (order == 0) {
                assertTrue(previous.equals(current) || semverTie(previous, current), previous + " ~ " + current);
            } else {
                assertEquals(-1, order, previous + " before " + current);
            }
        }
    }

    /** Equal precedence with distinct keys only happens between SemVer versions differing in build metadata. */
    private static boolean semverTie(String a, String b) {
        return SemanticVersion.parse(a).isPresent() && SemanticVersion.parse(b).isPresent();
    }

    private String randomString(String alphabet) {
        StringBuilder s = new StringBuilder().append("1av".charAt(random.nextInt(3)));
        for (int n = random.nextInt(12); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
