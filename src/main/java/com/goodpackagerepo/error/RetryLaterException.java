package com.goodpackagerepo.error;

import java.time.Duration;

/** A refusal that ends by itself: the caller may try again after {@link #retryAfter()}. */
public class RetryLaterException extends DomainException {
    private final Duration retryAfter;

    public RetryLaterException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
