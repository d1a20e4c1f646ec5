package com.goodpackagerepo.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ChunkChecksumTest {
    private static String b64(String algorithm, String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(text.getBytes()));
    }

    @Test
    void matchesTheBytesFedForEachSupportedAlgorithm() throws Exception {
        for (String[] a : new String[][] {{"sha1", "SHA-1"}, {"sha256", "SHA-256"}, {"md5", "MD5"}}) {
            ChunkChecksum good = ChunkChecksum.parse(a[0] + " " + b64(a[1], "chunk"));
            good.update("chunk".getBytes(), 0, 5);
            assertTrue(good.matches(), a[0]);
            ChunkChecksum bad = ChunkChecksum.parse(a[0].toUpperCase() + " " + b64(a[1], "other"));
            bad.update("chunk".getBytes(), 0, 5);
            assertFalse(bad.matches(), a[0]);
        }
    }

    @Test
    void absentIsNullAndMalformedOrUnknownIsInvalid() throws Exception {
        assertNull(ChunkChecksum.parse(null));
        assertNull(ChunkChecksum.parse(" "));
        for (String header : new String[] {"sha1", "crc32 AAAA", "sha1 !!!", "sha1 " + b64("SHA-256", "x"), "sha1 a b"}) {
            UploadException e = assertThrows(UploadException.class, () -> ChunkChecksum.parse(header), header);
            assertEquals(UploadException.Reason.INVALID, e.reason());
        }
    }
}
