package com.goodpackagerepo.storage;

import java.util.Map;

/**
 * @param mapSizeBytes   current map size
 * @param usedBytes      pages in use × page size
 * @param entriesByDb    entries per named database
 */
public record StoreStats(long mapSizeBytes, long usedBytes, long maxMapSizeBytes, Map<String, Long> entriesByDb) {
}
