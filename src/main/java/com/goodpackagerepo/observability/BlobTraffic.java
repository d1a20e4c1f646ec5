package com.goodpackagerepo.observability;

/** Counts blob bytes received ({@code gpr_blob_bytes_in}); {@link RepositoryMetrics} in the server. */
public interface BlobTraffic {
    /** For code run outside the server (unit tests, benchmarks): counts nothing. */
    BlobTraffic UNCOUNTED = bytes -> { };

    void blobBytesIn(long bytes);
}
