package com.goodpackagerepo.observability;

/** What the response cache reports to the metrics (implemented by {@code cache.ResponseCache}, a layer above). */
public interface ResponseCacheStats {
    long hits();

    long misses();

    int size();
}
