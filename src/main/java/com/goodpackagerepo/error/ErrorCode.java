package com.goodpackagerepo.error;

/**
 * Every error code the server reports, by what went wrong rather than by transport. Clients see the names
 * ({@code {"error":{"code":"NOT_FOUND",…}}}); the HTTP edge gives each one its status once
 * ({@code api.error.ErrorStatus}).
 */
public enum ErrorCode {
    INVALID_REQUEST,
    INVALID_JSON,
    VALIDATION_ERROR,
    DIGEST_MISMATCH,
    WEAK_PASSWORD,
    CONFIG_INVALID,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    TARGET_NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    ALREADY_EXISTS,
    CONFLICT,
    BLOB_TOO_LARGE,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    RANGE_NOT_SATISFIABLE,
    LIMIT_EXCEEDED,
    INTERNAL_ERROR,
    RUNTIME_CHECK_FAILED,
    UPSTREAM_ERROR,
    UPSTREAM_UNAVAILABLE,
    UNAVAILABLE,
    BUDGET_EXCEEDED,
    INSUFFICIENT_STORAGE,
    // Resumable uploads (tus 1.0; docs/api.md, "Resumable uploads"). After the rest so codeFor keeps its answers.
    UPLOAD_OFFSET_MISMATCH,
    UPLOAD_EXPIRED,
    TUS_VERSION_UNSUPPORTED,
    UPLOAD_EXCEEDS_LENGTH,
    UPLOAD_QUOTA_EXCEEDED,
    UPLOAD_LOCKED,
    TOO_MANY_UPLOADS,
    CHECKSUM_MISMATCH,
    // S3 blob stores: the bucket did not answer within the bounded retries (503, nothing stored or indexed)
    BLOB_STORE_UNAVAILABLE
}
