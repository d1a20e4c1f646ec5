package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The schema's {@code caching} section: the blob cache of proxied artifacts and the in-memory response cache.
 * Anything missing or malformed takes its default (both caches off).
 */
public record CachingDef(BlobCache blobCache, ResponseCache responseCache, Revalidate revalidate) {

    /**
     * {@code caching.blob_cache}.
     *
     * @param maxBytes    bound on the proxied bytes kept, {@link Long#MAX_VALUE} when not declared
     * @param pinOnAccess whether a local read refreshes a blob's place in the eviction order (default true)
     */
    public record BlobCache(boolean enabled, long maxBytes, boolean pinOnAccess) {
    }

    /**
     * {@code caching.response_cache}.
     *
     * @param maxEntryBytes     larger bodies are not cached ({@link Long#MAX_VALUE} when not declared)
     * @param defaultTtlSeconds when a route's {@code cache} step names none (default 300)
     * @param varyHeaders       request headers that are part of the cache key
     */
    public record ResponseCache(boolean enabled, long maxEntryBytes, long defaultTtlSeconds, List<String> varyHeaders) {
    }

    /**
     * {@code caching.response_cache.revalidate}: which conditional requests a stored blob answers with 304.
     *
     * @param useEtag         {@code use_etag}: {@code If-None-Match} against the digest (default true)
     * @param useLastModified {@code use_last_modified}: {@code Last-Modified} / {@code If-Modified-Since} (default true)
     */
    public record Revalidate(boolean useEtag, boolean useLastModified) {
        /** Both on: what an answer made outside the configured routes uses. */
        public static final Revalidate DEFAULT = new Revalidate(true, true);
    }

    /** Reads {@code caching}. */
    public static CachingDef read(JsonNode caching) {
        JsonNode blob = caching.path("blob_cache");
        JsonNode response = caching.path("response_cache");
        return new CachingDef(
                new BlobCache(blob.path("enabled").asBoolean(false), blob.path("max_bytes").asLong(Long.MAX_VALUE),
                        blob.path("pin_on_access").asBoolean(true)),
                new ResponseCache(response.path("enabled").asBoolean(false),
                        response.path("max_entry_bytes").asLong(Long.MAX_VALUE),
                        response.path("default_ttl_seconds").asLong(300),
                        RepositorySchema.texts(response.path("vary_headers"))),
                new Revalidate(response.path("revalidate").path("use_etag").asBoolean(true),
                        response.path("revalidate").path("use_last_modified").asBoolean(true)));
    }
}
