package com.goodpackagerepo.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Metadata;
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
    static final Metadata FETCHES = Metadata.builder().withName("gpr_upstream_fetches")
            .withDescription("Upstream fetches by upstream and outcome").build();
    static final Metadata UP = Metadata.builder().withName("gpr_upstream_up")
            .withDescription("Upstream health check: 1 up, 0 down, -1 not checked").build();
    static final Metadata CIRCUIT_STATE = Metadata.builder().withName("gpr_upstream_circuit_state")
            .withDescription("Upstream circuit breaker: 0 closed, 1 open, 2 half-open").build();
    static final Metadata CIRCUIT_OPENED = Metadata.builder().withName("gpr_upstream_circuit_opened")
            .withDescription("Times the upstream's circuit breaker opened").build();

    @Inject
    MetricRegistry registry;

    /** The gauge of one upstream's circuit ({@code gpr_upstream_circuit_state}: 0 closed, 1 open, 2 half-open). */
    public void circuitState(String upstream, IntSupplier state) {
        registry.gauge(CIRCUIT_STATE, state, IntSupplier::getAsInt, new Tag("upstream", upstream));
    }

    /** One upstream's circuit opened ({@code gpr_upstream_circuit_opened_total}). */
    public void circuitOpened(String upstream) {
        registry.counter(CIRCUIT_OPENED, new Tag("upstream", upstream)).inc();
    }

    public void fetch(String upstream, String outcome) {
        registry.counter(FETCHES, new Tag("upstream", upstream), new Tag("outcome", outcome)).inc();
    }
}
