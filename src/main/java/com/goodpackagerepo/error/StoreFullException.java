package com.goodpackagerepo.error;

/** The metadata store cannot grow further (map at its configured maximum, or the disk is full), or a blob write ran out of disk space. */
public class StoreFullException extends RuntimeException {
    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
