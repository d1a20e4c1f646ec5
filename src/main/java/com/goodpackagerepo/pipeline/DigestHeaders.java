package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digest a client states for an upload: {@code ?digest=sha256:<hex>} or RFC 9530
 * {@code Content-Digest: sha-256=:<base64>:}. Both given must agree. Returns "sha256:<hex>" or null.
 */
public final class DigestHeaders {
    private static final Pattern QUERY = Pattern.compile("^(?:sha256:)?([a-fA-F0-9]{64})$");
    private static final Pattern CONTENT_DIGEST = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]+):");

    private DigestHeaders() {
    }

    public static String expected(RequestData request) {
        String fromQuery = fromQuery(request.queryParam("digest"));
        String fromHeader = fromContentDigest(request.header("content-digest"));
        if (fromQuery != null && fromHeader != null && !fromQuery.equals(fromHeader)) {
            throw new DomainException(ErrorCode.DIGEST_MISMATCH, "The digest query parameter and Content-Digest disagree");
        }
        return fromQuery != null ? fromQuery : fromHeader;
    }

    static String fromQuery(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Matcher m = QUERY.matcher(value.trim());
        if (!m.matches()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "digest must be sha256:<64 hex characters>");
        }
        return "sha256:" + m.group(1).toLowerCase(Locale.ROOT);
    }

    static String fromContentDigest(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher m = CONTENT_DIGEST.matcher(header);
        if (!m.find()) {
            if (header.toLowerCase(Locale.ROOT).contains("sha-256")) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Malformed Content-Digest header");
            }
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Malformed Content-Digest header");
        }
        if (raw.length != 32) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Content-Digest sha-256 must be 32 bytes");
        }
        return "sha256:" + HexFormat.of().formatHex(raw);
    }
}
