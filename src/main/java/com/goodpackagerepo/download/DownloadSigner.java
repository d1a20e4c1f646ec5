package com.goodpackagerepo.download;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks download links: HMAC-SHA256 with a server secret over the blob digest, the file name the
 * browser saves it as and the expiry, so a link opens exactly one blob, under one name, until it expires. Plain
 * values in, a verdict out: no HTTP here.
 */
public final class DownloadSigner {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,200}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Why a link was refused (each becomes a different message; all are 403 to the client). */
    public enum Verdict { VALID, MALFORMED, EXPIRED, BAD_SIGNATURE }

    private final SecretKeySpec key;

    public DownloadSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the download signing secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A link for {@code digest} saved as {@code fileName}, valid from {@code now} for {@code ttl}. */
    public DownloadLink sign(String digest, String fileName, Instant now, Duration ttl) {
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        String file = safeFileName(fileName);
        long expires = now.plus(ttl).getEpochSecond();
        return new DownloadLink(digest, file, expires, signature(digest, file, expires));
    }

    /** Checks a link's parts as they came from the URL (any of them may be null or garbage). */
    public Verdict verify(String digest, String fileName, String expires, String signature, Instant now) {
        if (digest == null || fileName == null || expires == null || signature == null
                || !DIGEST.matcher(digest).matches() || !FILE_NAME.matcher(fileName).matches()
                || !expires.matches("[0-9]{1,12}")) {
            return Verdict.MALFORMED;
        }
        long exp = Long.parseLong(expires);
        byte[] expected = signature(digest, fileName, exp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.BAD_SIGNATURE;
        }
        return now.getEpochSecond() >= exp ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** The name a blob is saved as: anything outside {@code A-Za-z0-9._+-} becomes {@code _}; never empty. */
    public static String safeFileName(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._+-]", "_");
        cleaned = cleaned.replaceAll("^[.]+", "_");
        if (cleaned.isEmpty()) {
            cleaned = "download";
        }
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }

    private String signature(String digest, String file, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String message = "gpr-download-v1\n" + digest + "\n" + file + "\n" + expires;
            return B64.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
