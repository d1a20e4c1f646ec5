package com.goodpackagerepo.observability;

import com.goodpackagerepo.storage.engines.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Gauges the alert rules need that no other component owns, registered at start-up so they exist before the first
 * request: the data directory's file system (free and total bytes) and readiness as a number ({@code gpr_ready}: 1
 * when every readiness check is UP), so Prometheus sees "not ready" without reading {@code /health}.
 */
@ApplicationScoped
public class OperationalGauges {
    private static final Logger LOG = Logger.getLogger(OperationalGauges.class.getName());

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    StorageSettings storage;

    @Inject
    @Any
    @Readiness
    Instance<HealthCheck> readinessChecks;

    void register(@Observes Startup startup) {
        diskGauge("gpr_data_disk_free_bytes", "Bytes free for the server on the data directory's file system",
                FileStore::getUsableSpace);
        diskGauge("gpr_data_disk_size_bytes", "Size of the data directory's file system", FileStore::getTotalSpace);
        registry.gauge(Metadata.builder().withName("gpr_ready")
                .withDescription("1 when every readiness check (database, disk space, metadata store, upstreams) is UP, else 0")
                .build(), this, OperationalGauges::ready);
    }

    private void diskGauge(String name, String help, IoLong value) {
        ToLongFunction<OperationalGauges> read = g -> {
            try {
                return value.apply(Files.getFileStore(Files.createDirectories(g.storage.dataDir())));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "data directory file system unreadable", e);
                return -1;
            }
        };
        registry.gauge(Metadata.builder().withName(name).withUnit(MetricUnits.BYTES).withDescription(help).build(),
                this, g -> read.applyAsLong(g));
    }

    long ready() {
        for (HealthCheck check : readinessChecks) {
            try {
                if (check.call().getStatus() != HealthCheckResponse.Status.UP) {
                    return 0;
                }
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return 1;
    }

    @FunctionalInterface
    private interface IoLong {
        long apply(FileStore store) throws IOException;
    }
}
