package com.goodpackagerepo.gc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Collector metrics in the application registry (Prometheus at {@code /metrics}): {@code gpr_gc_runs} by final
 * state and dry_run, and for real runs {@code gpr_gc_swept_blobs}, {@code gpr_gc_bytes_freed} and
 * {@code gpr_gc_deleted_artifacts}.
 */
@ApplicationScoped
public class GcMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    public void finished(GcRun run) {
        registry.counter(Metadata.builder().withName("gpr_gc_runs").withDescription("Garbage collection runs").build(),
                new Tag("state", run.state().name().toLowerCase()), new Tag("dry_run", String.valueOf(run.dryRun())))
                .inc();
        if (run.dryRun()) {
            return;
        }
        registry.counter(Metadata.builder().withName("gpr_gc_swept_blobs")
                .withDescription("Blob files deleted by garbage collection").build()).inc(run.swept());
        registry.counter(Metadata.builder().withName("gpr_gc_bytes_freed").withUnit(MetricUnits.BYTES)
                .withDescription("Bytes of blob files deleted by garbage collection").build()).inc(run.bytesFreed());
        registry.counter(Metadata.builder().withName("gpr_gc_deleted_artifacts")
                .withDescription("Artifacts deleted by retention").build()).inc(run.artifactsDeleted());
    }
}
