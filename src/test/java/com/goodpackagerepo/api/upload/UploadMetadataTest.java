package com.goodpackagerepo.api.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadMetadataTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesPairsAndBareKeys() {
        Map<String, String> m = UploadMetadata.parse("namespace " + b64("acme") + ", name " + b64("äpp") + ",is_confidential");
        assertEquals(Map.of("namespace", "acme", "name", "äpp", "is_confidential", ""), m);
        assertEquals(Map.of(), UploadMetadata.parse(null));
    }

    @Test
    void refusesDuplicatesBadBase64NonUtf8AndOddShapes() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe});
        for (String header : new String[] {"a " + b64("x") + ",a " + b64("y"), "a %%%", "a " + notUtf8, "a b c", ",",
                "a " + b64("x") + ",", "x".repeat(UploadMetadata.MAX_HEADER_CHARS + 1)}) {
            DomainException e = assertThrows(DomainException.class, () -> UploadMetadata.parse(header), header);
            assertEquals("INVALID_REQUEST", e.code().name());
        }
    }
}
