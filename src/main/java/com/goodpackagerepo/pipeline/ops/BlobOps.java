package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.cache.BlobCache;
import com.goodpackagerepo.cache.BlobWriteGuard;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.observability.BlobTraffic;
import com.goodpackagerepo.pipeline.DigestHeaders;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineValues;
import com.goodpackagerepo.proxy.UpstreamBody;
import com.goodpackagerepo.proxy.UpstreamBodyException;
import com.goodpackagerepo.storage.blob.BlobLease;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.BlobTooLargeException;
import com.goodpackagerepo.storage.blob.BlobSource;
import com.goodpackagerepo.storage.blob.BlobTooSmallException;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.InlineBlobBatch;
import com.goodpackagerepo.storage.blob.DigestMismatchException;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

/**
 * {@code blob.get}, {@code blob.put}, {@code blob.verify_digest}. Uploads stream into the content-addressed
 * store (never whole in memory) within the store's and {@code ops.limits} size limits; a digest the client
 * or the upstream stated is checked while storing. {@code blob.verify_digest} confirms that the digest the
 * pipeline is about to record is the one computed from the stored bytes. A stored blob is leased until the
 * pipeline ends (after its transaction committed or rolled back), so garbage collection cannot delete it
 * between the store and the commit of the document that references it.
 *
 * <p>An upstream body that breaks off, stalls past the upstream's read timeout or does not match the digest
 * the upstream stated is the upstream's fault: 502 {@code UPSTREAM_ERROR}, and nothing is stored. A stored
 * blob is held against blob-cache eviction until the pipeline ends, so the document about to reference it
 * cannot lose it; a read of a blob counts as an access for the blob cache.
 *
 * <p>A request body of at most {@link Stores#inlineMaxBytes} bytes stored inside a transaction is hashed and
 * checked in memory and committed into the metadata store by the transaction's own batch ({@link InlineBlobBatch}),
 * so the whole publish costs one sync; it needs no lease, since it is written (if absent) in the very transaction
 * that commits the documents referencing it.
 */
@ApplicationScoped
public class BlobOps implements OpFamily {
    static final String REQUEST_BODY = "request.body";

    @Inject
    Stores stores;
    @Inject
    BlobTraffic traffic;
    @Inject
    BlobWriteGuard writeGuard;
    @Inject
    BlobCache blobCache;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("blob.get", this::get, "blob.put", this::put, "blob.verify_digest", this::verify);
    }

    void get(OpCall call, PipelineContext ctx) throws IOException {
        String digest = Interpolator.resolveString(call.arg("digest"), ctx);
        ctx.budget().chargeIo(1);
        BlobRef blob = stores.blobStore(call.textArg("store")).statForRead(digest)
                .orElseThrow(() -> new DomainException(ErrorCode.INTERNAL_ERROR, "Stored blob " + digest + " is missing"));
        blobCache.accessed(blob.digest());
        ctx.set(call.textArg("out"), blob);
    }

    void put(OpCall call, PipelineContext ctx) throws IOException {
        String storeName = call.textArg("store");
        BlobStore store = stores.blobStore(storeName);
        long max = ctx.config().model().maxBlobBytes(storeName);
        long min = ctx.config().model().minBlobBytes(storeName);
        String from = call.textArg("from");
        ctx.budget().chargeIo(1);
        BlobRef blob;
        BlobRef small = null;
        if (REQUEST_BODY.equals(from)) {
            String expected = DigestHeaders.expected(ctx.request());
            InputStream body = ctx.request().body();
            long inlineMax = Math.min(stores.inlineMaxBytes(storeName), max);
            if (body != null && inlineMax > 0 && ctx.transaction() != null
                    && ctx.transaction().batch() instanceof InlineBlobBatch batch) {
                byte[] head = body.readNBytes((int) Math.min(inlineMax + 1, Integer.MAX_VALUE));
                if (head.length <= inlineMax) {
                    small = inline(batch, head, min, expected);
                } else {
                    body = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), body);
                }
            }
            blob = small != null ? small : store(store, body, max, min, expected, ctx);
            ctx.unverifiedBlobPuts().add(blob.digest());
            traffic.blobBytesIn(blob.size());
        } else {
            Object source = PipelineValues.unwrap(Interpolator.resolve(TextNode.valueOf(from), ctx));
            if (!(source instanceof UpstreamBody upstream)) {
                throw new DomainException(ErrorCode.INTERNAL_ERROR, "blob.put source " + from + " is not a body");
            }
            blob = upstream.stored() != null ? upstream.stored() : storeUpstream(store, upstream, max, min, ctx);
        }
        if (small != null) {
            holdAgainstEviction(blob, ctx); // stored by the transaction's commit, so not in the store yet
        } else {
            hold(blob, store, ctx);
        }
        ctx.set(call.textArg("out"), TextNode.valueOf(blob.digest()));
        ctx.set(call.textArg("out_size"), LongNode.valueOf(blob.size()));
    }

    private static BlobRef storeUpstream(BlobStore store, UpstreamBody upstream, long max, long min,
                                         PipelineContext ctx) throws IOException {
        BlobRef blob;
        try (InputStream in = upstream.stream()) {
            blob = store(store, in, max, min, upstream.statedDigest(), ctx);
        } catch (UpstreamBodyException e) {
            upstream.failed(e);
            throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Upstream body failed: " + e.getMessage());
        } catch (DomainException e) {
            upstream.failed(e);
            if (e.code() == ErrorCode.DIGEST_MISMATCH) {
                throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Upstream body does not match its stated digest");
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            upstream.failed(e);
            throw e;
        }
        upstream.stored(blob);
        return blob;
    }

    /**
     * A small body, verified in memory exactly as a streamed one (size limits, the stated digest, refused with the
     * same errors as {@link #store}), handed to the transaction's batch; the returned blob reads from memory until the
     * commit makes it stored.
     */
    private static BlobRef inline(InlineBlobBatch batch, byte[] bytes, long min, String expected) {
        try {
            if (bytes.length < min) {
                throw new BlobTooSmallException("blob has " + bytes.length + " bytes, at least " + min + " required");
            }
            String hex = BlobDigests.hexOf(bytes);
            if (expected != null && !BlobDigests.hex(expected).equals(hex)) {
                throw DigestMismatchException.of(hex, BlobDigests.hex(expected));
            }
            batch.putInlineBlob(hex, bytes);
            return new BlobRef(BlobDigests.of(hex), bytes.length, null, new BlobSource.BytesSource(bytes, Instant.now()));
        } catch (IOException e) {
            throw refused(e, Long.MAX_VALUE, min);
        }
    }

    /** Holds the stored digest against eviction until the pipeline ends; fails if eviction won the race. */
    private void hold(BlobRef blob, BlobStore store, PipelineContext ctx) throws IOException {
        holdAgainstEviction(blob, ctx);
        if (store.stat(blob.digest()).isEmpty()) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "The blob was evicted while being stored; retry");
        }
    }

    private void holdAgainstEviction(BlobRef blob, PipelineContext ctx) {
        try {
            writeGuard.hold(blob.digest());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.UNAVAILABLE, "Interrupted while storing a blob");
        }
        ctx.onEnd(() -> writeGuard.release(blob.digest()));
    }

    void verify(OpCall call, PipelineContext ctx) throws IOException {
        String algo = call.textArg("algo");
        if (algo != null && !"sha256".equals(algo)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Unsupported digest algorithm " + algo);
        }
        String digest = Interpolator.resolveString(call.arg("digest"), ctx);
        if (digest == null || !digest.matches("^sha256:[a-f0-9]{64}$")) {
            throw new DomainException(ErrorCode.DIGEST_MISMATCH, "Not a sha256 digest: " + digest);
        }
        if (!ctx.unverifiedBlobPuts().contains(digest)) {
            throw new DomainException(ErrorCode.DIGEST_MISMATCH, "Digest " + digest + " was not computed by this request");
        }
        ctx.unverifiedBlobPuts().remove(digest);
    }

    /** Stores the bytes under a lease that keeps garbage collection off them until the pipeline has ended. */
    private static BlobRef store(BlobStore store, InputStream in, long max, long min, String expected,
                                 PipelineContext ctx) throws IOException {
        if (in == null) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Request has no body");
        }
        try {
            BlobLease lease = store.putLeased(in, max, min, expected);
            ctx.onEnd(lease::close);
            return lease.blob();
        } catch (BlobTooLargeException | BlobTooSmallException | DigestMismatchException e) {
            throw refused(e, max, min);
        }
    }

    /** The client's error for a blob the store refused: too large, too small, or not the stated digest. */
    private static DomainException refused(IOException e, long max, long min) {
        if (e instanceof BlobTooLargeException) {
            return new DomainException(ErrorCode.BLOB_TOO_LARGE, "Blob larger than " + max + " bytes");
        }
        if (e instanceof BlobTooSmallException) {
            return new DomainException(ErrorCode.VALIDATION_ERROR, "Blob smaller than " + min + " bytes");
        }
        if (e instanceof DigestMismatchException) {
            return new DomainException(ErrorCode.DIGEST_MISMATCH, e.getMessage());
        }
        throw new java.io.UncheckedIOException(e);
    }
}
