package com.goodpackagerepo.observability;

import java.time.Instant;

/**
 * One point of the admin dashboard's history: the store's size and the running totals at {@code at}. Counters are
 * totals since the process started; rates come from the difference between two samples.
 *
 * @param latencyMs p50, p95 and p99 of the requests since the previous sample, or null when there were none
 */
public record HistorySample(Instant at, long storedBytes, long blobCount, long artifactCount, long requests,
                            long clientErrors, long serverErrors, long publishes, double[] latencyMs) {
}
