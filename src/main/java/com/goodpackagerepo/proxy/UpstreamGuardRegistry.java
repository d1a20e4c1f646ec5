package com.goodpackagerepo.proxy;

import com.goodpackagerepo.config.RepositoryConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One {@link UpstreamGuard} (circuit breaker + bulkhead) per upstream, so a failing upstream opens only its
 * own circuit and a slow one fills only its own bulkhead. MicroProfile Fault Tolerance cannot do this: it
 * keeps one breaker and one bulkhead per annotated method, and the upstreams are data that changes at run
 * time. The limits are server-wide MicroProfile Config properties, read when a guard is made:
 * {@code gpr.proxy.breaker.window} (8), {@code gpr.proxy.breaker.failure-ratio} (0.5),
 * {@code gpr.proxy.breaker-delay-ms} (10000), {@code gpr.proxy.breaker.success-threshold} (1) and
 * {@code gpr.proxy.bulkhead} (32). A guard lives as long as its upstream keeps its name and base URL.
 */
@ApplicationScoped
public class UpstreamGuardRegistry {
    @Inject
    UpstreamMetrics metrics;
    @Inject
    ConfiguredUpstreams upstreams;

    /** The limits for a new guard; MicroProfile Config in the server, replaced in unit tests. */
    java.util.function.Supplier<UpstreamGuard.Limits> limits = () -> limits(ConfigProvider.getConfig());

    private final Map<String, UpstreamGuard> guards = new ConcurrentHashMap<>();
    private final java.util.Set<String> gauges = ConcurrentHashMap.newKeySet();

    UpstreamGuard of(UpstreamSettings upstream) {
        UpstreamGuard guard = guards.compute(upstream.name(), (name, old) ->
                old != null && old.baseUrl().equals(upstream.baseUrl()) ? old : create(upstream));
        if (gauges.add(upstream.name())) {
            metrics.circuitState(upstream.name(), () -> state(upstream.name()));
        }
        return guard;
    }

    /** Drops the guards of upstreams that were removed or now point elsewhere (after {@link ConfiguredUpstreams} updated). */
    void onConfig(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) RepositoryConfig config) {
        guards.entrySet().removeIf(e -> upstreams.get(e.getKey())
                .map(u -> !u.baseUrl().equals(e.getValue().baseUrl())).orElse(true));
    }

    private int state(String upstream) {
        UpstreamGuard guard = guards.get(upstream);
        return guard == null ? 0 : guard.state();
    }

    private UpstreamGuard create(UpstreamSettings upstream) {
        return new UpstreamGuard(upstream.baseUrl(), limits.get(), () -> metrics.circuitOpened(upstream.name()));
    }

    static UpstreamGuard.Limits limits(Config config) {
        return new UpstreamGuard.Limits(
                config.getOptionalValue("gpr.proxy.breaker.window", Integer.class).orElse(8),
                config.getOptionalValue("gpr.proxy.breaker.failure-ratio", Double.class).orElse(0.5),
                Duration.ofMillis(config.getOptionalValue("gpr.proxy.breaker-delay-ms", Long.class).orElse(10_000L)),
                config.getOptionalValue("gpr.proxy.breaker.success-threshold", Integer.class).orElse(1),
                config.getOptionalValue("gpr.proxy.bulkhead", Integer.class).orElse(32));
    }
}
