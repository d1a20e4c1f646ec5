package com.goodpackagerepo.cache;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Metadata of the caches' metrics {@code gpr_cache_*{cache}}, shared by the response cache and the blob cache: the
 * registry refuses a second registration of a name with different metadata, so both must use these.
 */
final class CacheMetrics {
    static final Metadata HITS = Metadata.builder().withName("gpr_cache_hits")
            .withDescription("Cache hits (response cache: a stored answer served; blob cache: a proxied blob read locally)").build();
    static final Metadata MISSES = Metadata.builder().withName("gpr_cache_misses")
            .withDescription("Cache misses (blob cache: a fetch from the upstream)").build();
    static final Metadata EVICTIONS = Metadata.builder().withName("gpr_cache_evictions")
            .withDescription("Entries evicted to stay within the cache's bound").build();
    static final Metadata ENTRIES = Metadata.builder().withName("gpr_cache_entries")
            .withDescription("Entries in the cache").build();
    static final Metadata SIZE = Metadata.builder().withName("gpr_cache_size_bytes").withUnit(MetricUnits.BYTES)
            .withDescription("Bytes the cache holds").build();
    static final Metadata MAX = Metadata.builder().withName("gpr_cache_max_bytes").withUnit(MetricUnits.BYTES)
            .withDescription("The cache's bound in bytes").build();

    private CacheMetrics() {
    }
}
