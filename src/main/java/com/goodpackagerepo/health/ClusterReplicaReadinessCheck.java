package com.goodpackagerepo.health;

import com.goodpackagerepo.storage.cluster.ReplicaLag;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Cluster mode: ready once this node's replica is rebuilt and within the configured lag of the log
 * ({@code gpr.cluster.ready.max-lag-entries}, {@code gpr.cluster.ready.max-lag-seconds}); a load balancer checking
 * /health/ready then sends no request to a node that is rebuilding or far behind. Always up in single mode.
 */
@Readiness
@ApplicationScoped
public class ClusterReplicaReadinessCheck implements HealthCheck {
    @Inject
    Stores stores;

    @Inject
    @ConfigProperty(name = "gpr.cluster.ready.max-lag-entries", defaultValue = "1000")
    long maxLagEntries;

    @Inject
    @ConfigProperty(name = "gpr.cluster.ready.max-lag-seconds", defaultValue = "10")
    double maxLagSeconds;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("cluster-replica");
        Optional<ReplicaLag> figures = stores.replicaLag();
        if (figures.isEmpty()) {
            return response.up().withData("mode", "single").build();
        }
        ReplicaLag lag = figures.get();
        boolean ready = readiness(lag, maxLagEntries, maxLagSeconds) == null;
        response.withData("applied_seq", lag.appliedSeq()).withData("head_seq", lag.headSeq())
                .withData("entries_behind", lag.entriesBehind())
                .withData("seconds_behind", String.valueOf(lag.secondsBehind()));
        String reason = readiness(lag, maxLagEntries, maxLagSeconds);
        if (reason != null) {
            response.withData("reason", reason);
        }
        return (ready ? response.up() : response.down()).build();
    }

    /** Why the node is not ready, or null when it is. */
    static String readiness(ReplicaLag lag, long maxEntries, double maxSeconds) {
        if (!lag.rebuilt()) {
            return "rebuilding from PostgreSQL";
        }
        if (!lag.databaseReached()) {
            return "cannot read the log from PostgreSQL";
        }
        if (lag.entriesBehind() > maxEntries) {
            return "behind by " + lag.entriesBehind() + " log entries (limit " + maxEntries + ")";
        }
        if (lag.secondsBehind() > maxSeconds) {
            return "behind by " + lag.secondsBehind() + " s (limit " + maxSeconds + " s)";
        }
        return null;
    }
}
