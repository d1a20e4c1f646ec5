package com.goodpackagerepo.health;

import com.goodpackagerepo.proxy.UpstreamHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * ConfiguredUpstreams with a health check, reported as degraded-but-ready: always UP, because the local repository
 * still serves everything it holds when an upstream is down; {@code degraded} is true when any upstream's
 * last probe failed, and each upstream shows {@code up}, {@code down} or {@code unchecked}.
 */
@Readiness
@ApplicationScoped
public class UpstreamReadinessCheck implements HealthCheck {
    @Inject
    UpstreamHealth health;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("upstreams").up();
        boolean degraded = false;
        for (UpstreamHealth.Status status : health.statuses()) {
            String state = status.up() == null ? "unchecked" : status.up() ? "up" : "down";
            degraded |= Boolean.FALSE.equals(status.up());
            response.withData(status.upstream(), state + (status.detail() == null ? "" : " (" + status.detail() + ")"));
        }
        return response.withData("degraded", degraded).build();
    }
}
