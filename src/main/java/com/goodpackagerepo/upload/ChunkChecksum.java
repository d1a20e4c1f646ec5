package com.goodpackagerepo.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tus checksum extension's {@code Upload-Checksum: <algorithm> <base64 digest>}: the digest of the bytes of
 * one PATCH request (not of the whole upload). Fed while the chunk streams; a mismatch discards the chunk.
 */
public final class ChunkChecksum {
    /** Algorithms as tus names them, with their JCA names; sha1 is the one tus asks every server for. */
    private static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");
    /** For Tus-Checksum-Algorithm, in order of preference. */
    public static final List<String> SUPPORTED = List.of("sha256", "sha1", "md5");

    private final String algorithm;
    private final byte[] expected;
    private final MessageDigest digest;

    private ChunkChecksum(String algorithm, byte[] expected, MessageDigest digest) {
        this.algorithm = algorithm;
        this.expected = expected;
        this.digest = digest;
    }

    /** Parses the header; null when absent. Unknown algorithms and malformed values are {@code INVALID}. */
    public static ChunkChecksum parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.trim().split(" +");
        if (parts.length != 2) {
            throw new UploadException(UploadException.Reason.INVALID, "Upload-Checksum must be '<algorithm> <base64>'");
        }
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        String jca = ALGORITHMS.get(algorithm);
        if (jca == null) {
            throw new UploadException(UploadException.Reason.INVALID,
                    "Unsupported checksum algorithm " + parts[0] + "; supported: " + String.join(",", SUPPORTED));
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new UploadException(UploadException.Reason.INVALID, "Upload-Checksum value is not base64");
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + jca, e);
        }
        if (expected.length != digest.getDigestLength()) {
            throw new UploadException(UploadException.Reason.INVALID,
                    "Upload-Checksum " + algorithm + " must be " + digest.getDigestLength() + " bytes");
        }
        return new ChunkChecksum(algorithm, expected, digest);
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** Whether the bytes fed so far hash to the stated value (call once, at the end of the chunk). */
    boolean matches() {
        return MessageDigest.isEqual(expected, digest.digest());
    }

    String algorithm() {
        return algorithm;
    }
}
