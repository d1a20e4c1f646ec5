package com.goodpackagerepo.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts upstream fetches by upstream and outcome ({@code gpr_upstream_fetches_total}): {@code ok},
 * {@code not_found}, {@code status} (another non-200 answer), {@code failed} (after the retry budget),
 * {@code body_failed} (truncated, stalled or digest mismatch), {@code circuit_open}, {@code rejected}
 * (bulkhead full) and {@code joined} (served by a concurrent request's fetch). Fault Tolerance adds its own
 * {@code ft_*} metrics for the retries, the circuit breaker and the bulkhead.
 */
@ApplicationScoped
public class UpstreamMetrics {
    @Inject
    MetricRegistry registry;

    public void fetch(String upstream, String outcome) {
        registry.counter("gpr.upstream.fetches", new Tag("upstream", upstream), new Tag("outcome", outcome)).inc();
    }
}
