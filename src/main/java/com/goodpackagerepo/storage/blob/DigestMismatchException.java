package com.goodpackagerepo.storage.blob;

import java.io.IOException;

/** Thrown by {@link BlobStore#put}; nothing is stored when it is thrown. */
public class DigestMismatchException extends IOException {
    public DigestMismatchException(String message) {
        super(message);
    }

    /** Bytes whose SHA-256 is {@code actualHex} arrived where the client stated {@code expectedHex}. */
    public static DigestMismatchException of(String actualHex, String expectedHex) {
        return new DigestMismatchException("content digest " + BlobDigests.of(actualHex) + " does not match the stated "
                + BlobDigests.of(expectedHex));
    }
}
