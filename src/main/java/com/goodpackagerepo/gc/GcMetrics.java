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
 * state and dry_run, {@code gpr_gc_marked_blobs} and {@code gpr_gc_errors} of every run, for real runs
 * {@code gpr_gc_swept_blobs}, {@code gpr_gc_bytes_freed} and {@code gpr_gc_deleted_artifacts}, and the gauge
 * {@code gpr_gc_last_run_duration_seconds} of the last finished run.
 */
@ApplicationScoped
public class GcMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;
    private volatile double lastRunSeconds;

    double lastRunSeconds() {
        return lastRunSeconds;
    }

    public void finished(GcRun run) {
        registry.counter(Metadata.builder().withName("gpr_gc_runs").withDescription("Garbage collection runs").build(),
                new Tag("state", run.state().name().toLowerCase()), new Tag("dry_run", String.valueOf(run.dryRun())))
                .inc();
        registry.counter(Metadata.builder().withName("gpr_gc_marked_blobs")
                .withDescription("Blob files found referenced by garbage collection runs").build()).inc(run.marked());
        registry.counter(Metadata.builder().withName("gpr_gc_errors")
                .withDescription("Errors of garbage collection runs").build()).inc(run.errors());
        lastRunSeconds = run.durationSeconds();
        registry.gauge(Metadata.builder().withName("gpr_gc_last_run_duration_seconds").withUnit(MetricUnits.SECONDS)
                .withDescription("Wall time of the last finished garbage collection run").build(),
                this, GcMetrics::lastRunSeconds);
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
