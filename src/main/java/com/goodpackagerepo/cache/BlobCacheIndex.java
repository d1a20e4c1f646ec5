package com.goodpackagerepo.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which blobs are proxy cache and in what order they go: proxied blobs by digest, least recently used first,
 * with the artifact keys that reference each and the bytes they take (a blob counts once, however many
 * proxied artifacts share it). A digest that a locally published artifact references is not cache: it
 * leaves the index for good and can never be picked for eviction. In memory only, rebuilt at start.
 */
public final class BlobCacheIndex {

    /** A cached blob and the proxied artifacts (their document keys) that reference it. */
    public record Entry(String digest, long size, Set<String> keys) {
    }

    private final Map<String, Entry> lru = new LinkedHashMap<>(256, 0.75f, true);
    private final Set<String> published = new HashSet<>();
    private long bytes;

    /** A proxied artifact was stored. Returns false when its blob is published content rather than cache. */
    public synchronized boolean addCached(String key, String digest, long size) {
        if (published.contains(digest)) {
            return false;
        }
        Entry entry = lru.get(digest);
        if (entry == null) {
            entry = new Entry(digest, size, new LinkedHashSet<>());
            lru.put(digest, entry);
            bytes += size;
        }
        entry.keys().add(key);
        return true;
    }

    /** A locally published artifact references {@code digest}: it is no longer evictable cache. */
    public synchronized void markPublished(String digest) {
        published.add(digest);
        Entry entry = lru.remove(digest);
        if (entry != null) {
            bytes -= entry.size();
        }
    }

    public synchronized boolean isPublished(String digest) {
        return published.contains(digest);
    }

    /** A read of {@code digest}; with {@code refresh} it becomes the most recently used. True when it is cache. */
    public synchronized boolean accessed(String digest, boolean refresh) {
        return refresh ? lru.get(digest) != null : lru.containsKey(digest);
    }

    /** Least recently used entries whose removal brings the total to at most {@code maxBytes}, oldest first. */
    public synchronized List<Entry> victims(long maxBytes) {
        List<Entry> victims = new ArrayList<>();
        long remaining = bytes;
        for (Entry entry : lru.values()) {
            if (remaining <= maxBytes) {
                break;
            }
            victims.add(new Entry(entry.digest(), entry.size(), Set.copyOf(entry.keys())));
            remaining -= entry.size();
        }
        return victims;
    }

    /**
     * The artifact {@code key} was deleted: it no longer references {@code digest}; the entry goes when it was the
     * last proxied artifact that did. Returns true when an entry went.
     */
    public synchronized boolean forget(String key, String digest) {
        Entry entry = lru.get(digest);
        if (entry == null || !entry.keys().remove(key) || !entry.keys().isEmpty()) {
            return false;
        }
        lru.remove(digest);
        bytes -= entry.size();
        return true;
    }

    /** The entry was evicted (its artifacts and, unless published meanwhile, its blob are gone). */
    public synchronized void removed(String digest) {
        Entry entry = lru.remove(digest);
        if (entry != null) {
            bytes -= entry.size();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int entries() {
        return lru.size();
    }

    public synchronized void clear() {
        lru.clear();
        published.clear();
        bytes = 0;
    }
}
