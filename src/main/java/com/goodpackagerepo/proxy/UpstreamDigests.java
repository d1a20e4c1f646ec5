package com.goodpackagerepo.proxy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 an upstream states for its body, as "sha256:<hex>", from the first of: {@code Content-Digest}
 * or {@code Repr-Digest} (RFC 9530, {@code sha-256=:<base64>:}), {@code Docker-Content-Digest}
 * ({@code sha256:<hex>}), {@code Digest} (RFC 3230, {@code SHA-256=<base64>}), and a strong {@code ETag} that
 * is a digest (our own servers answer {@code ETag: "sha256:<hex>"}). Null when none states one; a header
 * that does not parse states nothing.
 */
final class UpstreamDigests {
    private static final Pattern HEX = Pattern.compile("^\"?(?:sha256:)?([a-f0-9]{64})\"?$");
    private static final Pattern SFV = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]+):", Pattern.CASE_INSENSITIVE);
    private static final Pattern RFC3230 = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*([A-Za-z0-9+/=]+)", Pattern.CASE_INSENSITIVE);

    private UpstreamDigests() {
    }

    static String stated(UnaryOperator<String> header) {
        String digest = base64(SFV, header.apply("Content-Digest"));
        digest = digest != null ? digest : base64(SFV, header.apply("Repr-Digest"));
        digest = digest != null ? digest : hex(header.apply("Docker-Content-Digest"));
        digest = digest != null ? digest : base64(RFC3230, header.apply("Digest"));
        return digest != null ? digest : hex(header.apply("ETag"));
    }

    private static String hex(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = HEX.matcher(value.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? "sha256:" + m.group(1) : null;
    }

    private static String base64(Pattern pattern, String value) {
        if (value == null) {
            return null;
        }
        Matcher m = pattern.matcher(value);
        if (!m.find()) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(m.group(1));
            return raw.length == 32 ? "sha256:" + HexFormat.of().formatHex(raw) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
