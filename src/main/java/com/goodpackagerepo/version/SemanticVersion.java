package com.goodpackagerepo.version;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strictly parsed SemVer 2.0.0 version. Numeric parts are kept as digit strings so that numbers of any
 * length compare without overflow; build metadata is kept but plays no part in precedence.
 *
 * @param major      digits, no leading zero (unless "0")
 * @param preRelease dot-separated pre-release identifiers, empty for a release
 * @param build      build metadata after '+', or null
 */
public record SemanticVersion(String major, String minor, String patch, List<String> preRelease, String build) {

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String PRE_ID = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final String BUILD_ID = "[0-9A-Za-z-]+";
    private static final Pattern STRICT = Pattern.compile(
            "(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
                    + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
                    + "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))?");

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /** The version when {@code text} is strict SemVer 2.0.0 (no "v" prefix, no leading zeros), else empty. */
    public static Optional<SemanticVersion> parse(String text) {
        Matcher m = STRICT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return Optional.of(new SemanticVersion(m.group(1), m.group(2), m.group(3), pre, m.group(5)));
    }

    public boolean isPrerelease() {
        return !preRelease.isEmpty();
    }

    /** True for a pre-release identifier that SemVer compares numerically. */
    static boolean isNumericIdentifier(String identifier) {
        return identifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
