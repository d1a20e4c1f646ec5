package com.goodpackagerepo.api.error;

import com.goodpackagerepo.error.ErrorCode;

/**
 * The one place an error code gets its HTTP status (the switch is exhaustive: a new code does not compile
 * until it is registered here).
 */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, INVALID_JSON, VALIDATION_ERROR, DIGEST_MISMATCH, WEAK_PASSWORD, CONFIG_INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND, TARGET_NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NOT_ACCEPTABLE -> 406;
            case ALREADY_EXISTS, CONFLICT -> 409;
            case BLOB_TOO_LARGE, PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RANGE_NOT_SATISFIABLE -> 416;
            case LIMIT_EXCEEDED -> 429;
            case INTERNAL_ERROR, RUNTIME_CHECK_FAILED -> 500;
            case UPSTREAM_ERROR -> 502;
            case UPSTREAM_UNAVAILABLE, UNAVAILABLE, BUDGET_EXCEEDED -> 503;
            case INSUFFICIENT_STORAGE -> 507;
            case UPLOAD_OFFSET_MISMATCH -> 409;
            case UPLOAD_EXPIRED -> 410;
            case TUS_VERSION_UNSUPPORTED -> 412;
            case UPLOAD_EXCEEDS_LENGTH, UPLOAD_QUOTA_EXCEEDED -> 413;
            case UPLOAD_LOCKED -> 423;
            case TOO_MANY_UPLOADS -> 429;
            case CHECKSUM_MISMATCH -> 460;
            case BLOB_STORE_UNAVAILABLE -> 503;
        };
    }

    /**
     * The code for an answer Liberty's HTTP channel gives before any application runs (ChannelErrorPages): its 413
     * (a request head over the limits) and 503 (stopping) keep their meaning; every other refusal — 400, and the
     * 501 and 505 it sends for an unreadable method or version, which a client's malformed request line causes
     * (a space inside the target) — is the client's malformed request.
     */
    public static ErrorCode forChannelRefusal(int channelStatus) {
        return switch (channelStatus) {
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.INVALID_REQUEST;
        };
    }

    /** The registered code for a status, for errors raised by the container rather than by us. */
    public static ErrorCode codeFor(int status) {
        for (ErrorCode code : ErrorCode.values()) {
            if (of(code) == status) {
                return code;
            }
        }
        return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
    }
}
