package com.goodpackagerepo.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of an API token, {@code gpr_<id>_<secret>}: a 24-hex-digit id to find the token by and a
 * 256-bit random secret (base64url), of which only the SHA-256 is stored. The fixed prefix makes leaked
 * tokens easy to spot by secret scanners and tells them apart from JWTs (which never start with it).
 */
public final class ApiTokenFormat {
    public static final String PREFIX = "gpr_";
    private static final Pattern FORMAT = Pattern.compile("^gpr_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenFormat() {
    }

    /** A new token: its id, its secret and the whole text to hand out once. */
    public static Parts generate() {
        byte[] id = new byte[12];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new Parts(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static boolean looksLikeApiToken(String token) {
        return token.startsWith(PREFIX);
    }

    /** The id and secret of a well-formed token, or null. */
    public static Parts parse(String token) {
        Matcher m = FORMAT.matcher(token);
        return m.matches() ? new Parts(m.group(1), m.group(2)) : null;
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares hex digests in constant time. */
    public static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** An API token split into its id and secret. */
    public record Parts(String id, String secret) {
        public String text() {
            return PREFIX + id + "_" + secret;
        }
    }
}
