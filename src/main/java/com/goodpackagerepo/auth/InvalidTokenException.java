package com.goodpackagerepo.auth;

/** A bearer token that must not be accepted; the message says why (never echoed with secrets). */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message);
    }
}
