package com.goodpackagerepo.storage.blob;

import java.io.IOException;

/** Thrown by {@link BlobStore#put}; nothing is stored when it is thrown. */
public class DigestMismatchException extends IOException {
    public DigestMismatchException(String message) {
        super(message);
    }
}
