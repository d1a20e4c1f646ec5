package com.goodpackagerepo.storage.blob;

import java.io.IOException;

/** Thrown by {@link BlobStore#put}; nothing is stored when it is thrown. */
public class BlobTooLargeException extends IOException {
    public BlobTooLargeException(String message) {
        super(message);
    }
}
