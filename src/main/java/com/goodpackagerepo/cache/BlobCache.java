package com.goodpackagerepo.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.schema.DocumentDef;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.KeyTemplate;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.event.CommittedEvents;
import com.goodpackagerepo.storage.event.ReplicatedEvents;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.kv.KeyPage;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The blob cache of {@code caching.blob_cache}: artifacts the proxy stored (their artifact metadata has
 * {@code created_by: "proxy:<upstream>"}) count against {@code max_bytes} (MP Config
 * {@code gpr.blob-cache.max-bytes} overrides it) and the least recently used go first when a new one pushes
 * the total over it. With {@code pin_on_access} every read refreshes an entry; without it the order is the
 * order they were cached in. Blobs of locally published artifacts are never cache and never evicted.
 * It follows the committed {@code artifact.cached} / {@code artifact.published} events and rebuilds itself
 * from the stored documents when the server starts. Hits (proxied blobs read locally), misses (fetches
 * upstream), evictions, bytes and entries are metrics {@code gpr_cache_*{cache="blob"}}.
 */
@ApplicationScoped
public class BlobCache {
    private static final Logger LOG = Logger.getLogger(BlobCache.class.getName());
    static final String PROXY_CREATOR = "proxy:";
    static final String CACHED_EVENT = "artifact.cached";
    static final String PUBLISHED_EVENT = "artifact.published";
    static final String DELETED_EVENT = "artifact.deleted";
    private static final Tag BLOB = new Tag("cache", "blob");

    @Inject
    Stores stores;
    @Inject
    ProxiedArtifactEviction eviction;
    @Inject
    BlobWriteGuard guard;
    @Inject
    MetricRegistry metrics;
    @Inject
    @ConfigProperty(name = "gpr.blob-cache.max-bytes")
    Optional<Long> maxBytesOverride;

    private final BlobCacheIndex index = new BlobCacheIndex();
    private volatile CachingDef.BlobCache settings = CachingDef.read(Json.object()).blobCache();
    private volatile KeyTemplate keyTemplate = new KeyTemplate("");
    private volatile boolean loaded;
    private Counter hits;
    private Counter misses;
    private Counter evictions;

    /** A blob was read locally: a hit when it is proxy cache, refreshed when {@code pin_on_access}. */
    public void accessed(String digest) {
        if (loaded && index.accessed(digest, settings.pinOnAccess())) {
            hits.inc();
        }
    }

    /** The proxy had to go upstream for an artifact. */
    public void missed() {
        if (loaded) {
            misses.inc();
        }
    }

    public long maxBytes() {
        return maxBytesOverride.orElse(settings.maxBytes());
    }

    public long bytes() {
        return index.bytes();
    }

    void onConfig(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) RepositoryConfig config) {
        settings = config.model().caching().blobCache();
        keyTemplate = config.model().document(DocumentRole.ARTIFACT_METADATA).map(DocumentDef::key).orElse(keyTemplate);
        synchronized (this) {
            if (!loaded) {
                rebuild();
                registerMetrics();
                loaded = true;
            }
        }
        evictIfNeeded();
    }

    void onCommitted(@Observes CommittedEvents committed) {
        if (!loaded) {
            return;
        }
        try {
            follow(committed.events());
            evictIfNeeded();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "blob cache bookkeeping failed", e);
        }
    }

    /**
     * Other nodes' writes (cluster mode), once this node's replica holds them: the same bookkeeping, so every node
     * knows what is cache, what is published and what was deleted. No eviction here (it runs on the replica's
     * thread and would write to the store): the next local caching evicts when over the bound.
     */
    void onReplicated(@Observes ReplicatedEvents replicated) {
        if (!loaded) {
            return;
        }
        try {
            follow(replicated.events());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "blob cache bookkeeping of other nodes' writes failed", e);
        }
    }

    private void follow(List<StoredEvent> events) {
        for (StoredEvent event : events) {
            JsonNode payload = event.payload();
            String digest = payload.path("blob_digest").asText("");
            if (digest.isEmpty()) {
                continue;
            }
            switch (event.type()) {
                case PUBLISHED_EVENT -> index.markPublished(digest);
                case CACHED_EVENT -> index.addCached(key(payload), digest, payload.path("blob_size").asLong(0));
                case DELETED_EVENT -> index.forget(key(payload), digest);
                default -> {
                }
            }
        }
    }

    /** Evicts least recently used proxied blobs until the total is within the bound (skipping held ones). */
    synchronized void evictIfNeeded() {
        if (!settings.enabled()) {
            return;
        }
        for (BlobCacheIndex.Entry victim : index.victims(maxBytes())) {
            boolean evicted = guard.evictUnlessHeld(victim.digest(),
                    () -> eviction.evict(victim, !index.isPublished(victim.digest())));
            if (evicted) {
                index.removed(victim.digest());
                evictions.inc();
                LOG.fine(() -> "evicted " + victim.digest() + " (" + victim.size() + " bytes) " + victim.keys());
            }
        }
    }

    /** Reads every artifact document once: proxied ones in the order they were cached, the rest as published. */
    private void rebuild() {
        record Cached(String key, String digest, long size, String at) {
        }
        List<Cached> cached = new ArrayList<>();
        String prefix = keyTemplate.literalPrefix();
        if (prefix.isEmpty()) {
            return; // no artifact-metadata document: nothing is cached (validation refuses such a schema)
        }
        String cursor = null;
        do {
            KeyPage page = stores.metadata().keys(prefix, cursor, 1000);
            for (String key : page.keys()) {
                stores.metadata().get(key).map(Json::parse).ifPresent(meta -> {
                    String digest = meta.path("blob_digest").asText("");
                    if (digest.isEmpty()) {
                        return;
                    }
                    if (meta.path("created_by").asText("").startsWith(PROXY_CREATOR)) {
                        cached.add(new Cached(key, digest, meta.path("blob_size").asLong(0), meta.path("created_at").asText("")));
                    } else {
                        index.markPublished(digest);
                    }
                });
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        cached.sort(Comparator.comparing(Cached::at));
        cached.forEach(c -> index.addCached(c.key(), c.digest(), c.size()));
        LOG.info(() -> "blob cache: " + index.entries() + " proxied blobs, " + index.bytes() + " bytes");
    }

    /** The artifact key of an {@code artifact.cached} event's payload (its fields are the key's fields). */
    private String key(JsonNode payload) {
        Map<String, String> fields = new HashMap<>();
        for (String field : keyTemplate.fields()) {
            if (payload.path(field).isValueNode() && !payload.path(field).isNull()) {
                fields.put(field, payload.path(field).asText());
            }
        }
        return keyTemplate.render(fields);
    }

    private void registerMetrics() {
        hits = metrics.counter(CacheMetrics.HITS, BLOB);
        misses = metrics.counter(CacheMetrics.MISSES, BLOB);
        evictions = metrics.counter(CacheMetrics.EVICTIONS, BLOB);
        metrics.gauge(CacheMetrics.SIZE, index, BlobCacheIndex::bytes, BLOB);
        metrics.gauge(CacheMetrics.ENTRIES, index, BlobCacheIndex::entries, BLOB);
        metrics.gauge(CacheMetrics.MAX, this, BlobCache::maxBytes, BLOB);
    }
}
