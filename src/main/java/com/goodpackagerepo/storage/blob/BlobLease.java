package com.goodpackagerepo.storage.blob;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stored blob that garbage collection will not delete until this lease is closed. A publish closes it after
 * its metadata transaction has ended, by then the committed document references the blob (or it does not,
 * and the blob is fair game again). Closing twice is harmless.
 */
public final class BlobLease implements AutoCloseable {
    private final BlobRef blob;
    private final Runnable release;
    private final AtomicBoolean open = new AtomicBoolean(true);

    BlobLease(BlobRef blob, Runnable release) {
        this.blob = blob;
        this.release = release;
    }

    public BlobRef blob() {
        return blob;
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            release.run();
        }
    }
}
