package com.goodpackagerepo.api.upload;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.ByteBuffer;

/**
 * tus {@code Upload-Metadata}: comma-separated pairs {@code key base64(value)}; a key may stand alone (empty
 * value); keys are unique and contain no space or comma. Values must be UTF-8.
 */
final class UploadMetadata {
    static final int MAX_HEADER_CHARS = 8192;

    private UploadMetadata() {
    }

    static Map<String, String> parse(String header) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return values;
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw invalid("Upload-Metadata is longer than " + MAX_HEADER_CHARS + " characters");
        }
        for (String pair : header.split(",", -1)) {
            String[] parts = pair.trim().split(" ", -1);
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw invalid("Upload-Metadata pairs are 'key base64value', separated by commas");
            }
            String value = parts.length == 2 ? decode(parts[0], parts[1]) : "";
            if (values.put(parts[0], value) != null) {
                throw invalid("Upload-Metadata key " + parts[0] + " appears twice");
            }
        }
        return values;
    }

    private static String decode(String key, String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid("Upload-Metadata value of " + key + " is not base64-encoded UTF-8");
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_REQUEST, message);
    }
}
