package com.goodpackagerepo.error;

/**
 * A failure the caller is told about: what went wrong ({@link ErrorCode}) and a message for a person. Thrown by
 * every layer below the HTTP edge; only the edge turns it into a status and a JSON error body.
 */
public class DomainException extends RuntimeException {
    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public DomainException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
