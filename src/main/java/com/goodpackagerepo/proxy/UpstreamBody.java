package com.goodpackagerepo.proxy;

import com.goodpackagerepo.storage.blob.BlobRef;
import java.io.InputStream;

/**
 * The body of an upstream response: a stream read once. When a pipeline stores it ({@code blob.put}),
 * the stored blob replaces the stream, so a later {@code respond.bytes} serves the verified local copy.
 *
 * @param statedDigest "sha256:<hex>" the upstream stated (ETag or digest header), or null
 */
public final class UpstreamBody {
    private final InputStream stream;
    private final String statedDigest;
    private final long contentLength;
    private volatile BlobRef stored;

    public UpstreamBody(InputStream stream, String statedDigest, long contentLength) {
        this.stream = stream;
        this.statedDigest = statedDigest;
        this.contentLength = contentLength;
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
}
