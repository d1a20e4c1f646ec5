package com.goodpackagerepo.upload;

/** Why an upload request cannot go on; the HTTP edge maps each reason to its error code. */
public class UploadException extends RuntimeException {

    /** The ways an upload request fails. */
    public enum Reason {
        /** No such session, or it belongs to someone else. */
        NOT_FOUND,
        /** The session expired; its bytes are (being) collected. */
        EXPIRED,
        /** The client's offset is not the session's. */
        OFFSET_MISMATCH,
        /** Another request holds the session. */
        LOCKED,
        /** The chunk does not match its Upload-Checksum; it was discarded. */
        CHECKSUM_MISMATCH,
        /** More bytes than the declared Upload-Length. */
        EXCEEDS_LENGTH,
        /** The user already holds the maximum number of open sessions. */
        TOO_MANY_SESSIONS,
        /** The declared lengths of the user's open sessions would exceed the staged-bytes limit. */
        QUOTA_EXCEEDED,
        /** A malformed request (header syntax, unsupported algorithm). */
        INVALID
    }

    private final Reason reason;

    public UploadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
