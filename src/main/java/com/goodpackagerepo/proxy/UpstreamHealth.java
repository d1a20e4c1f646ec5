package com.goodpackagerepo.proxy;

import com.goodpackagerepo.config.RepositoryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Probes every upstream that has a {@code health_check} ({@code endpoint}, {@code interval_seconds}) with a GET
 * under its own timeouts and credentials, outside Fault Tolerance (a probe observes, it must not trip the
 * breaker). The last result feeds readiness as degraded-but-ready and the gauge
 * {@code gpr_upstream_up{upstream}} (1 up, 0 down, -1 not checked).
 */
@ApplicationScoped
public class UpstreamHealth {

    /** The last probe of one upstream; {@code up} is null before the first probe. */
    public record Status(String upstream, Boolean up, Instant checkedAt, String detail) {
    }

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    ConfiguredUpstreams upstreams;
    @Inject
    MetricRegistry metrics;

    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();
    private final java.util.Set<String> gauges = new java.util.HashSet<>();

    public List<Status> statuses() {
        List<Status> all = new ArrayList<>();
        for (UpstreamSettings upstream : upstreams.all()) {
            if (upstream.healthEndpoint() != null) {
                all.add(statuses.getOrDefault(upstream.name(), new Status(upstream.name(), null, null, "not checked yet")));
            }
        }
        return all;
    }

    synchronized void onConfig(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) RepositoryConfig config) {
        probes.forEach(p -> p.cancel(false));
        probes.clear();
        statuses.clear();
        for (UpstreamSettings upstream : upstreams.all()) {
            if (gauges.add(upstream.name())) {
                metrics.gauge(UpstreamMetrics.UP, this, h -> h.gauge(upstream.name()), new Tag("upstream", upstream.name()));
            }
            if (upstream.healthEndpoint() != null) {
                probes.add(scheduler.scheduleWithFixedDelay(() -> probe(upstream), 0, upstream.healthIntervalSeconds(),
                        TimeUnit.SECONDS));
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        probes.forEach(p -> p.cancel(true));
        probes.clear();
    }

    private int gauge(String upstream) {
        Status status = statuses.get(upstream);
        return status == null || status.up() == null ? -1 : status.up() ? 1 : 0;
    }

    void probe(UpstreamSettings upstream) {
        String detail;
        boolean up;
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) upstream.resolve(upstream.healthEndpoint()).toURL().openConnection();
            connection.setConnectTimeout(upstream.connectTimeoutMs());
            connection.setReadTimeout(upstream.readTimeoutMs());
            connection.setUseCaches(false);
            HttpURLConnection c = connection;
            UpstreamAuth.header(upstream.auth()).ifPresent(h -> c.setRequestProperty(h.getKey(), h.getValue()));
            int status = connection.getResponseCode();
            up = status >= 200 && status < 300;
            detail = "HTTP " + status;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readNBytes(64 * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            up = false;
            detail = e.getClass().getSimpleName();
            if (connection != null) {
                connection.disconnect();
            }
        }
        statuses.put(upstream.name(), new Status(upstream.name(), up, Instant.now(), detail));
    }
}
