package com.goodpackagerepo.api.error;

/** Every error code the API answers with, registered once with its HTTP status. */
public enum ErrorCode {
    INVALID_REQUEST(400),
    INVALID_JSON(400),
    VALIDATION_ERROR(400),
    DIGEST_MISMATCH(400),
    WEAK_PASSWORD(400),
    CONFIG_INVALID(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    TARGET_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    ALREADY_EXISTS(409),
    CONFLICT(409),
    BLOB_TOO_LARGE(413),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RANGE_NOT_SATISFIABLE(416),
    LIMIT_EXCEEDED(429),
    INTERNAL_ERROR(500),
    RUNTIME_CHECK_FAILED(500),
    UPSTREAM_ERROR(502),
    UPSTREAM_UNAVAILABLE(503),
    UNAVAILABLE(503),
    BUDGET_EXCEEDED(503),
    INSUFFICIENT_STORAGE(507),
    // Resumable uploads (tus 1.0; docs/api.md, "Resumable uploads"). After the rest so forStatus keeps its answers.
    UPLOAD_OFFSET_MISMATCH(409),
    UPLOAD_EXPIRED(410),
    TUS_VERSION_UNSUPPORTED(412),
    UPLOAD_EXCEEDS_LENGTH(413),
    UPLOAD_QUOTA_EXCEEDED(413),
    UPLOAD_LOCKED(423),
    TOO_MANY_UPLOADS(429),
    CHECKSUM_MISMATCH(460);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The registered code for a status, for errors raised by the container rather than by us. */
    public static ErrorCode forStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.status == status) {
                return code;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
