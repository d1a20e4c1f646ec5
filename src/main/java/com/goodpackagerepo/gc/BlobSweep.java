package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.blob.SweepResult;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CancellationException;

/**
 * The sweep over one blob store: walks the files lazily and lets the store decide each one under its digest's
 * lock ({@link FilesystemBlobStore#sweep}): leased, younger than the grace window, or referenced stays;
 * everything else is deleted. Each deletion is its own step, so stopping at any point leaves a consistent
 * store. Nothing is collected in memory: the "mark" is the reverse reference index, asked one digest at a time.
 * Stale staging files (uploads a crash cut short) are purged first.
 */
final class BlobSweep {
    private final MetadataStore metadata;
    private final GcRun run;
    private final Runnable progress;

    /** @param progress called after each file (the collector saves the record every few seconds) */
    BlobSweep(MetadataStore metadata, GcRun run, Runnable progress) {
        this.metadata = metadata;
        this.run = run;
        this.progress = progress;
    }

    /** An upload may stream into staging for as long as its transaction may stay open; never purge one younger. */
    static final java.time.Duration IN_FLIGHT_UPLOAD = java.time.Duration.ofHours(1);

    void sweep(String storeName, FilesystemBlobStore store, Instant cutoff) throws IOException {
        if (!run.dryRun()) {
            Instant inFlight = Instant.now().minus(IN_FLIGHT_UPLOAD);
            run.stagingPurged.addAndGet(store.purgeStaging(cutoff.isBefore(inFlight) ? cutoff : inFlight));
        }
        try {
            store.forEachBlob(blob -> {
                if (run.cancelRequested()) {
                    throw new CancellationException();
                }
                one(storeName, store, blob, cutoff);
                progress.run();
            });
        } catch (CancellationException e) {
            // the run ends as cancelled
        }
    }

    /**
     * The sweep over an S3 bucket: the store lists the objects (their last-modified time decides the grace window),
     * decides each under its digest's lock and deletes the condemned ones in batches. Multipart uploads abandoned
     * before the cutoff are aborted first, like stale staging files on disk.
     */
    void sweep(String storeName, S3BlobStore store, Instant cutoff) throws IOException {
        if (!run.dryRun()) {
            Instant inFlight = Instant.now().minus(IN_FLIGHT_UPLOAD);
            run.stagingPurged.addAndGet(store.purgeStaging(cutoff.isBefore(inFlight) ? cutoff : inFlight));
        }
        try {
            store.sweep(cutoff, metadata::blobReferenced, run.dryRun(), run::cancelRequested, (digest, result) -> {
                record(storeName, digest, result);
                progress.run();
            });
        } catch (RuntimeException e) {
            run.error("sweep " + storeName + ": " + e.getMessage());
        }
    }

    private void one(String storeName, FilesystemBlobStore store, BlobRef blob, Instant cutoff) {
        SweepResult result;
        try {
            result = store.sweep(blob.digest(), cutoff, metadata::blobReferenced, run.dryRun());
        } catch (IOException | RuntimeException e) {
            run.error("sweep " + storeName + " " + blob.digest() + ": " + e.getMessage());
            return;
        }
        record(storeName, blob.digest(), result);
    }

    private void record(String storeName, String digest, SweepResult result) {
        switch (result.outcome()) {
            case REFERENCED -> run.marked.incrementAndGet();
            case LEASED -> run.leased.incrementAndGet();
            case YOUNG -> run.young.incrementAndGet();
            case DELETED, WOULD_DELETE -> {
                run.swept.incrementAndGet();
                run.bytesFreed.addAndGet(result.size());
                ObjectNode item = Json.object();
                item.put("kind", "blob");
                item.put("store", storeName);
                item.put("digest", digest);
                item.put("size", result.size());
                run.list(item);
            }
            default -> { }
        }
    }
}
