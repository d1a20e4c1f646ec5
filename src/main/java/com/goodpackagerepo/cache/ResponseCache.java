package com.goodpackagerepo.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.cluster.ClusterSignals;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.observability.ResponseCacheStats;
import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.storage.event.ReplicatedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The response cache of {@code caching.response_cache}: entries expire after their TTL, the key includes
 * the values of {@code vary_headers}, bodies larger than {@code max_entry_bytes} are not cached, and the
 * number of entries is bounded (least recently used go first). Cleared on every configuration change, and on
 * every node when artifacts are deleted: at once by the cluster signal, and again when this node's replica applies
 * another node's {@code artifact.deleted} (a request served from the replica between the two would otherwise cache
 * the deleted artifact). A response whose request started before the last clearing is not cached: it may have read
 * what was just deleted. Hits, misses and entries are metrics {@code gpr_cache_*{cache="response"}}.
 */
@ApplicationScoped
public class ResponseCache implements ResponseCacheStats {
    static final int MAX_ENTRIES = 10_000;
    private static final Tag RESPONSE = new Tag("cache", "response");
    static final String DELETED_EVENT = "artifact.deleted";

    private final Map<String, CachedResponse> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedResponse> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    /** {@link System#nanoTime()} of the last clearing. */
    private volatile long clearedAtNanos = System.nanoTime();
    private volatile CachingDef.ResponseCache settings;
    /** Looked up in the registry once, with the gauge (a lookup builds a metric id: more than the rest of a hit); null outside CDI. */
    private volatile Counter hitCounter;
    private volatile Counter missCounter;

    @Inject
    MetricRegistry metrics;
    @Inject
    ClusterSignals signals;

    public CachedResponse get(String key) {
        if (!enabled()) {
            return null;
        }
        CachedResponse entry;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry != null && entry.expiresAtMillis() <= System.currentTimeMillis()) {
                entries.remove(key);
                entry = null;
            }
        }
        (entry == null ? misses : hits).incrementAndGet();
        Counter counter = entry == null ? missCounter : hitCounter;
        if (counter != null) {
            counter.inc();
        }
        return entry;
    }

    /**
     * Caches a response computed by a request that started at {@code requestStartNanos} ({@link System#nanoTime()}):
     * not when the cache was cleared since, since the request may have read what the clearing was for.
     */
    public void put(String key, JsonNode headers, Object body, long bodyBytes, long ttlSeconds, long requestStartNanos) {
        if (!enabled() || bodyBytes > settings.maxEntryBytes() || requestStartNanos - clearedAtNanos <= 0) {
            return;
        }
        long ttl = ttlSeconds > 0 ? ttlSeconds : settings.defaultTtlSeconds();
        CachedResponse entry = new CachedResponse(headers, body, bodyBytes, System.currentTimeMillis() + ttl * 1000);
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    public void invalidateAll() {
        synchronized (entries) {
            clearedAtNanos = System.nanoTime();
            entries.clear();
        }
    }

    /** Drops every entry here and (cluster mode) on every other node: artifacts were deleted. */
    public void invalidateEverywhere() {
        invalidateAll();
        if (signals != null) { // null outside CDI (tests)
            signals.publish(ClusterSignal.RESPONSES_INVALID, "");
        }
    }

    void onSignal(@Observes ClusterSignal signal) {
        if (signal.is(ClusterSignal.RESPONSES_INVALID)) {
            invalidateAll();
        }
    }

    /** Another node deleted artifacts and this node's replica now says so: clear what was cached meanwhile. */
    public void onReplicated(@Observes ReplicatedEvents replicated) {
        if (replicated.events().stream().anyMatch(e -> DELETED_EVENT.equals(e.type()))) {
            invalidateAll();
        }
    }

    /** Drops every entry whose body is the blob {@code digest} (it is being deleted). */
    public void invalidateBlob(String digest) {
        synchronized (entries) {
            entries.values().removeIf(e -> e.body() instanceof com.goodpackagerepo.storage.blob.BlobRef blob
                    && blob.digest().equals(digest));
        }
    }

    public Iterable<String> varyHeaders() {
        return settings == null ? java.util.List.of() : settings.varyHeaders();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private boolean enabled() {
        return settings != null && settings.enabled();
    }

    /** Applies a configuration outside CDI (tests). */
    public void onConfigForTests(RepositoryConfig config) {
        onConfig(config);
    }

    void onConfig(@Observes RepositoryConfig config) {
        if (settings == null && metrics != null) {
            metrics.gauge(CacheMetrics.ENTRIES, this, ResponseCache::size, RESPONSE);
            hitCounter = metrics.counter(CacheMetrics.HITS, RESPONSE);
            missCounter = metrics.counter(CacheMetrics.MISSES, RESPONSE);
        }
        settings = config.model().caching().responseCache();
        invalidateAll();
    }
}
