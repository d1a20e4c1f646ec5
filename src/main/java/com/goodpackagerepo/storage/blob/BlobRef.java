package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A stored blob: its digest ("sha256:&lt;hex&gt;"), its size in bytes, the local file that holds it (null when the
 * store is not a local file system, e.g. an S3 bucket) and where its bytes are read from.
 */
public record BlobRef(String digest, long size, Path path, BlobSource source) {

    /** A blob stored as the file at {@code path}. */
    public BlobRef(String digest, long size, Path path) {
        this(digest, size, path, BlobSource.file(path));
    }

    /** The bytes [start, start + length) as a stream; the caller closes it. */
    public InputStream open(long start, long length) throws IOException {
        return source.open(start, length);
    }

    /** The whole blob as a stream. */
    public InputStream open() throws IOException {
        return source.open(0, size);
    }

    /** When the blob was stored, or null when that cannot be told. */
    public Instant lastModified() throws IOException {
        return source.lastModified();
    }
}
