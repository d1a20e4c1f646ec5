package com.goodpackagerepo.proxy;

import com.goodpackagerepo.storage.blob.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.concurrent.CompletableFuture;

/**
 * The body of an upstream response: a stream read once. When a pipeline stores it ({@code blob.put}),
 * the stored blob replaces the stream, so a later {@code respond.bytes} serves the verified local copy.
 * {@link #settled()} completes when the pipeline that fetched it has ended, with the stored blob or the
 * reason there is none, so concurrent requests for the same artifact can wait for this one instead of
 * fetching again.
 *
 * @param statedDigest "sha256:<hex>" the upstream stated (ETag or digest header), or null
 */
public final class UpstreamBody {
    private final InputStream stream;
    private final String statedDigest;
    private final long contentLength;
    private final CompletableFuture<BlobRef> settled = new CompletableFuture<>();
    private volatile BlobRef stored;
    private volatile Throwable failure;

    public UpstreamBody(InputStream stream, String statedDigest, long contentLength) {
        this.stream = stream;
        this.statedDigest = statedDigest;
        this.contentLength = contentLength;
    }

    /** The body of an open connection, checked for truncation and read with the upstream's read timeout. */
    static UpstreamBody of(HttpURLConnection connection, UpstreamSettings upstream) throws IOException {
        long length = connection.getContentLengthLong();
        return new UpstreamBody(new UpstreamBodyStream(connection, upstream.name(), length),
                UpstreamDigests.stated(connection::getHeaderField), length);
    }

    /** A body another request already stored: it has no stream, only the stored blob. */
    static UpstreamBody storedCopy(BlobRef blob, String statedDigest) {
        UpstreamBody body = new UpstreamBody(null, statedDigest, blob.size());
        body.stored(blob);
        body.settled.complete(blob);
        return body;
    }

    public InputStream stream() {
        return stream;
    }

    public String statedDigest() {
        return statedDigest;
    }

    public long contentLength() {
        return contentLength;
    }

    public BlobRef stored() {
        return stored;
    }

    public void stored(BlobRef blob) {
        this.stored = blob;
    }

    /** Storing the body failed (it broke off, or did not match its stated digest): nothing was stored. */
    public void failed(Throwable cause) {
        this.failure = cause;
    }

    /**
     * The pipeline has ended (its writes are committed or dropped), so waiting requests may go on: with the
     * stored blob, with the failure, or — for a body the pipeline did not store — by fetching for
     * themselves. A body it neither stored nor answered with is closed, freeing the connection; one it
     * answers with streams to the client unstored.
     */
    public void release(boolean streamedToClient) {
        if (stored != null) {
            settled.complete(stored);
            return;
        }
        if (!streamedToClient && stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the connection is dropped either way
            }
        }
        settled.completeExceptionally(failure != null ? failure : new NotStoredException());
    }

    CompletableFuture<BlobRef> settled() {
        return settled;
    }

    /** The request that fetched the body did not store it; a waiting request must fetch for itself. */
    static final class NotStoredException extends RuntimeException {
        NotStoredException() {
            super("the upstream body was not stored", null, false, false);
        }
    }
}
