package com.goodpackagerepo.error;

/** Credentials were presented and refused (a bad or expired token, an unsupported scheme): the caller must sign in. */
public class CredentialsRefusedException extends DomainException {
    public CredentialsRefusedException(String reason) {
        super(ErrorCode.UNAUTHORIZED, reason);
    }
}
