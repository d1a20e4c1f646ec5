package com.goodpackagerepo.version;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one version order of the repository, and its byte encoding for index keys.
 *
 * <p>Rules (total over every string {@link #ALLOWED} accepts):
 * <ol>
 *   <li>Strict SemVer 2.0.0 versions compare by SemVer precedence: major, minor, patch numerically (any
 *       length), a pre-release below its release, pre-release identifiers left to right with numeric ones
 *       numerically and below alphanumeric ones (compared in ASCII order), fewer identifiers first on a common
 *       prefix. Build metadata is ignored: {@code compare("1.0.0+a", "1.0.0+b") == 0}.</li>
 *   <li>Every other allowed string ("v1.2", "1.0", "01.2.3", "2024-01-05") sorts below every SemVer version.
 *       Among themselves they use a natural order: the string is split into runs of digits and runs of
 *       non-digits; digit runs compare numerically, non-digit runs bytewise, a digit run sorts before a
 *       non-digit run at the same position, fewer runs first on a common prefix; remaining ties ("1.01" vs
 *       "1.1") are broken by the raw string. They are never pre-releases.</li>
 * </ol>
 *
 * <p>{@link #sortKey} encodes this order so that unsigned lexicographic byte comparison of keys equals
 * {@link #compare}, except that versions of equal precedence still get distinct keys (the raw string is
 * appended after a 0x00 terminator), which keeps index rows unique.
 *
 * <p>Every method but {@link #isAllowed} throws {@link IllegalArgumentException} for a string outside
 * {@link #ALLOWED}, so invalid versions are rejected rather than silently ordered.
 */
public final class VersionOrder {

    /** Strings accepted as versions at all. */
    public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    public static final Comparator<String> COMPARATOR = VersionOrder::compare;

    private static final int CLASS_OTHER = 0x01;
    private static final int CLASS_SEMVER = 0x02;
    private static final int HAS_PRERELEASE = 0x01;
    private static final int RELEASE = 0x02;
    private static final int END = 0x01;
    private static final int NUMERIC = 0x02;
    private static final int ALPHANUMERIC = 0x03;
    private static final Pattern RUNS = Pattern.compile("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");

    private VersionOrder() {
    }

    public static boolean isAllowed(String version) {
        return version != null && ALLOWED.matcher(version).matches();
    }

    /** True only for a strict SemVer version with a pre-release part. */
    public static boolean isPrerelease(String version) {
        return SemanticVersion.parse(requireAllowed(version)).map(SemanticVersion::isPrerelease).orElse(false);
    }

    /** Negative, zero or positive as {@code a} sorts before, together with or after {@code b}. */
    public static int compare(String a, String b) {
        return Integer.signum(Arrays.compareUnsigned(precedence(a), precedence(b)));
    }

    /**
     * Index key bytes for a version; unique per distinct string.
     *
     * @throws IllegalArgumentException when the string is not {@link #ALLOWED}
     */
    public static byte[] sortKey(String version) {
        return encode(version, true);
    }

    /** The key without the uniqueness suffix where the order ignores it (SemVer build metadata). */
    private static byte[] precedence(String version) {
        return encode(version, false);
    }

    private static byte[] encode(String version, boolean unique) {
        Optional<SemanticVersion> semver = SemanticVersion.parse(requireAllowed(version));
        OrderedBytes key = new OrderedBytes();
        if (semver.isPresent()) {
            encodeSemver(key, semver.get());
            if (!unique) {
                return key.toByteArray();
            }
        } else {
            encodeOther(key, version);
        }
        return key.tag(0).raw(version).toByteArray();
    }

    private static void encodeSemver(OrderedBytes key, SemanticVersion v) {
        key.tag(CLASS_SEMVER).number(v.major()).number(v.minor()).number(v.patch());
        if (!v.isPrerelease()) {
            key.tag(RELEASE);
            return;
        }
        key.tag(HAS_PRERELEASE);
        for (String id : v.preRelease()) {
            if (SemanticVersion.isNumericIdentifier(id)) {
                key.tag(NUMERIC).number(id);
            } else {
                key.tag(ALPHANUMERIC).text(id);
            }
        }
        key.tag(END);
    }

    private static void encodeOther(OrderedBytes key, String version) {
        key.tag(CLASS_OTHER);
        for (String run : RUNS.split(version)) {
            if (Character.isDigit(run.charAt(0))) {
                key.tag(NUMERIC).number(run);
            } else {
                key.tag(ALPHANUMERIC).text(run);
            }
        }
        key.tag(END);
    }

    private static String requireAllowed(String version) {
        if (!isAllowed(version)) {
            throw new IllegalArgumentException("not a valid version string: " + version);
        }
        return version;
    }
}
