package com.goodpackagerepo.api;

import com.goodpackagerepo.storage.blob.BlobTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails (413 BLOB_TOO_LARGE) as soon as more than {@code max} bytes arrive (for bodies sent chunked). */
final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private long count;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws BlobTooLargeException {
        count += n;
        if (count > max) {
            throw new BlobTooLargeException("Request body larger than " + max + " bytes");
        }
    }
}
