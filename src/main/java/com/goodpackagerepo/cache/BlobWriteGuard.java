package com.goodpackagerepo.cache;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps eviction away from a blob that a running pipeline has just stored (or found already stored) and is
 * about to reference: a pipeline holds the digest from its {@code blob.put} until it ends, and eviction of a
 * held digest is skipped. A hold that arrives while that digest is being evicted waits for the eviction to
 * finish, and the caller then checks that the blob is still there.
 */
@ApplicationScoped
public class BlobWriteGuard {
    private final Map<String, Integer> holds = new HashMap<>();
    private final Set<String> evicting = new HashSet<>();

    public synchronized void hold(String digest) throws InterruptedException {
        while (evicting.contains(digest)) {
            wait();
        }
        holds.merge(digest, 1, Integer::sum);
    }

    public synchronized void release(String digest) {
        holds.computeIfPresent(digest, (k, n) -> n == 1 ? null : n - 1);
    }

    /** Runs {@code eviction} unless a pipeline holds {@code digest}; true when it ran. */
    public boolean evictUnlessHeld(String digest, Runnable eviction) {
        synchronized (this) {
            if (holds.containsKey(digest)) {
                return false;
            }
            evicting.add(digest);
        }
        try {
            eviction.run();
            return true;
        } finally {
            synchronized (this) {
                evicting.remove(digest);
                notifyAll();
            }
        }
    }
}
