package com.goodpackagerepo.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * An upstream body as the blob store reads it: every read is bounded by the upstream's read timeout (set on
 * the socket), a body shorter or longer than its Content-Length is an error rather than a quiet end, and
 * any failure is an {@link UpstreamBodyException}. Closing it before the end drops the connection.
 */
final class UpstreamBodyStream extends FilterInputStream {
    private final HttpURLConnection connection;
    private final String upstream;
    private final long expected;
    private long count;
    private boolean ended;

    UpstreamBodyStream(HttpURLConnection connection, String upstream, long expected) throws IOException {
        super(connection.getInputStream());
        this.connection = connection;
        this.upstream = upstream;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw new UpstreamBodyException(upstream + ": body broke off after " + count + " bytes: " + e, e);
        }
        if (n < 0) {
            ended = true;
            if (expected >= 0 && count != expected) {
                throw new UpstreamBodyException(upstream + ": body ended after " + count + " of " + expected + " bytes", null);
            }
            return n;
        }
        count += n;
        if (expected >= 0 && count > expected) {
            throw new UpstreamBodyException(upstream + ": body longer than its Content-Length " + expected, null);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("upstream bodies are read, not skipped");
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (!ended) {
                connection.disconnect();
            }
        }
    }
}
