package com.goodpackagerepo.api.upload;

import com.goodpackagerepo.api.HttpDate;
import java.time.Instant;

/** The tus 1.0 header names and values this server speaks. */
final class TusHeaders {
    static final String VERSION = "1.0.0";
    static final String TUS_RESUMABLE = "Tus-Resumable";
    static final String TUS_VERSION = "Tus-Version";
    static final String TUS_EXTENSION = "Tus-Extension";
    static final String TUS_MAX_SIZE = "Tus-Max-Size";
    static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
    static final String UPLOAD_OFFSET = "Upload-Offset";
    static final String UPLOAD_LENGTH = "Upload-Length";
    static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    static final String UPLOAD_METADATA = "Upload-Metadata";
    static final String UPLOAD_EXPIRES = "Upload-Expires";
    static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    static final String EXTENSIONS = "creation,expiration,checksum,termination";
    static final String PATCH_CONTENT_TYPE = "application/offset+octet-stream";

    private TusHeaders() {
    }

    /** RFC 9110 IMF-fixdate, as tus asks for Upload-Expires. */
    static String httpDate(Instant instant) {
        return HttpDate.of(instant);
    }

    /** A non-negative decimal header value, or -1 when it is not one. */
    static long nonNegative(String value) {
        if (value == null || value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
