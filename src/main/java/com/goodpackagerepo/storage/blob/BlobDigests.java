package com.goodpackagerepo.storage.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parsing of blob digests. Every digest that reaches a file path passes through {@link #hex}, which accepts
 * nothing but 64 hex digits, so a digest can never smuggle a path separator or ".." into the store.
 */
public final class BlobDigests {

    public static final String PREFIX = "sha256:";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private BlobDigests() {
    }

    /**
     * The lowercase hex of a digest given as "sha256:&lt;hex&gt;" or bare hex, case-insensitive.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static String hex(String digest) {
        if (digest == null) {
            throw new IllegalArgumentException("digest is missing");
        }
        String lower = digest.toLowerCase(Locale.ROOT);
        String hex = lower.startsWith(PREFIX) ? lower.substring(PREFIX.length()) : lower;
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return hex;
    }

    /** The lowercase hex of the SHA-256 of {@code bytes} (a blob held in memory). */
    public static String hexOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** "sha256:&lt;hex&gt;" for 64 lowercase hex digits. */
    public static String of(String hex) {
        return PREFIX + hex;
    }
}
