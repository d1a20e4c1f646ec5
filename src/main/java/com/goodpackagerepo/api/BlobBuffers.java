package com.goodpackagerepo.api;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Copy buffers for blob responses, sized to what is sent: a body of at most {@link #SMALL} bytes gets an
 * array of exactly its size (a 4 KiB blob allocates 4 KiB, not a large buffer per request), larger bodies
 * borrow a {@link #LARGE} buffer from a small bounded pool and give it back, so that large downloads
 * allocate nothing in steady state and idle memory stays at most {@code pooled × LARGE}.
 */
final class BlobBuffers {
    static final int SMALL = 64 * 1024;
    static final int LARGE = 256 * 1024;

    private final ArrayBlockingQueue<byte[]> pool;

    BlobBuffers(int pooled) {
        this.pool = new ArrayBlockingQueue<>(pooled);
    }

    /** A buffer for copying {@code length} bytes: exact for small bodies, a pooled large one otherwise. */
    byte[] acquire(long length) {
        if (length <= SMALL) {
            return new byte[(int) Math.max(length, 0)];
        }
        byte[] buffer = pool.poll();
        return buffer != null ? buffer : new byte[LARGE];
    }

    /** Gives a large buffer back to the pool (small ones and any beyond the pool's size are left to the GC). */
    void release(byte[] buffer) {
        if (buffer.length == LARGE) {
            pool.offer(buffer);
        }
    }

    int pooled() {
        return pool.size();
    }
}
