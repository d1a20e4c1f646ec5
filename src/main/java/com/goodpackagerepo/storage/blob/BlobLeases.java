package com.goodpackagerepo.storage.blob;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-process leases on digests, held by a publish from the moment it decides how its staged bytes reach the
 * final file until its metadata transaction has ended. The sweep decides and deletes under the same per-digest
 * lock and skips a leased digest, so a publish either finds the file still there (and the sweep then sees the
 * lease, later the committed reference) or finds it gone and moves its own staged copy into place. Locks are
 * striped: unrelated digests rarely wait on each other and memory does not grow with the number of blobs.
 */
final class BlobLeases {
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    BlobLeases() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    void acquire(String hex) {
        underLock(hex, () -> counts.merge(hex, 1, Integer::sum));
    }

    void release(String hex) {
        underLock(hex, () -> counts.computeIfPresent(hex, (k, n) -> n == 1 ? null : n - 1));
    }

    boolean leased(String hex) {
        return counts.containsKey(hex);
    }

    int active() {
        return counts.size();
    }

    /** Runs {@code work} holding the digest's lock: no lease on it can be taken or dropped meanwhile. */
    <T> T underLock(String hex, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(hex.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
