package com.goodpackagerepo.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.download.DownloadSigner.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DownloadSignerTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER = "sha256:" + "cd".repeat(32);
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final DownloadSigner signer = new DownloadSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aFreshLinkIsValidUntilItExpires() {
        DownloadLink link = signer.sign(DIGEST, "app-1.0.0-linux", NOW, Duration.ofSeconds(300));
        assertEquals(NOW.getEpochSecond() + 300, link.expiresEpochSecond());
        String exp = String.valueOf(link.expiresEpochSecond());
        assertEquals(Verdict.VALID, signer.verify(DIGEST, link.fileName(), exp, link.signature(), NOW.plusSeconds(299)));
        assertEquals(Verdict.EXPIRED, signer.verify(DIGEST, link.fileName(), exp, link.signature(), NOW.plusSeconds(300)));
        assertTrue(link.path().startsWith("/downloads/" + DIGEST + "?file=app-1.0.0-linux&exp=" + exp + "&sig="));
    }

    @Test
    void anyChangedPartBreaksTheSignature() {
        DownloadLink link = signer.sign(DIGEST, "app", NOW, Duration.ofSeconds(60));
        String exp = String.valueOf(link.expiresEpochSecond());
        assertEquals(Verdict.BAD_SIGNATURE, signer.verify(OTHER, "app", exp, link.signature(), NOW));
        assertEquals(Verdict.BAD_SIGNATURE, signer.verify(DIGEST, "evil", exp, link.signature(), NOW));
        assertEquals(Verdict.BAD_SIGNATURE, signer.verify(DIGEST, "app", String.valueOf(link.expiresEpochSecond() + 3600),
                link.signature(), NOW));
        assertEquals(Verdict.BAD_SIGNATURE, signer.verify(DIGEST, "app", exp,
                (link.signature().charAt(0) == 'A' ? "B" : "A") + link.signature().substring(1), NOW));
        DownloadSigner otherKey = new DownloadSigner("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.BAD_SIGNATURE, otherKey.verify(DIGEST, "app", exp, link.signature(), NOW));
    }

    @Test
    void garbageIsMalformed() {
        assertEquals(Verdict.MALFORMED, signer.verify(null, "app", "1", "x", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify("sha256:zz", "app", "1", "x", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify(DIGEST, "../etc/passwd", "1", "x", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify(DIGEST, "app", "-5", "x", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify(DIGEST, "app", "1", null, NOW));
    }

    @Test
    void fileNamesAreMadeSafeAndSecretsMustBeLong() {
        assertEquals("my_app_1.0", DownloadSigner.safeFileName("my app/1.0"));
        assertEquals("_hidden", DownloadSigner.safeFileName("..hidden"));
        assertEquals("download", DownloadSigner.safeFileName(""));
        assertThrows(IllegalArgumentException.class, () -> new DownloadSigner(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> signer.sign("md5:abc", "x", NOW, Duration.ofSeconds(1)));
    }
}
