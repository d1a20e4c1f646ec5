package com.goodpackagerepo.api.upload;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.upload.UploadException;

/** Maps the upload sessions' refusals to the API's error codes (tus fixes the statuses: 409, 410, 423, 460). */
final class UploadErrors {
    private UploadErrors() {
    }

    static DomainException toApi(UploadException e) {
        ErrorCode code = switch (e.reason()) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case EXPIRED -> ErrorCode.UPLOAD_EXPIRED;
            case OFFSET_MISMATCH -> ErrorCode.UPLOAD_OFFSET_MISMATCH;
            case LOCKED -> ErrorCode.UPLOAD_LOCKED;
            case CHECKSUM_MISMATCH -> ErrorCode.CHECKSUM_MISMATCH;
            case EXCEEDS_LENGTH -> ErrorCode.UPLOAD_EXCEEDS_LENGTH;
            case TOO_MANY_SESSIONS -> ErrorCode.TOO_MANY_UPLOADS;
            case QUOTA_EXCEEDED -> ErrorCode.UPLOAD_QUOTA_EXCEEDED;
            case INVALID -> ErrorCode.INVALID_REQUEST;
        };
        return new DomainException(code, e.getMessage());
    }
}
