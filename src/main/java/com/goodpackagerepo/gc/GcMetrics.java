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
 * {@code gpr_gc_swept_blobs}, {@code gpr_gc_freed_bytes} and {@code gpr_gc_deleted_artifacts}, the gauge
 * {@code gpr_gc_last_run_duration_seconds} of the last finished run, and for the alert rules the times of the last
 * completed real run and of the next scheduled one ({@code gpr_gc_last_success_timestamp_seconds},
 * {@code gpr_gc_next_run_timestamp_seconds}, 0 when there is none).
 */
@ApplicationScoped
public class GcMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;
    private volatile double lastRunSeconds;
    private volatile double lastSuccessEpochSeconds;
    private volatile double nextRunEpochSeconds;

    private static final Metadata RUNS = Metadata.builder().withName("gpr_gc_runs")
            .withDescription("Finished garbage collection runs by final state and dry_run").build();

    private static final Metadata MARKED = Metadata.builder().withName("gpr_gc_marked_blobs")
            .withDescription("Blob files found referenced by garbage collection runs").build();
    private static final Metadata ERRORS = Metadata.builder().withName("gpr_gc_errors")
            .withDescription("Errors of garbage collection runs").build();
    private static final Metadata SWEPT = Metadata.builder().withName("gpr_gc_swept_blobs")
            .withDescription("Blob files deleted by garbage collection").build();
    private static final Metadata FREED = Metadata.builder().withName("gpr_gc_freed_bytes").withUnit(MetricUnits.BYTES)
            .withDescription("Bytes of blob files deleted by garbage collection").build();
    private static final Metadata DELETED = Metadata.builder().withName("gpr_gc_deleted_artifacts")
            .withDescription("Artifacts deleted by retention").build();

    @jakarta.annotation.PostConstruct
    void registerTimes() {
        for (Metadata counter : new Metadata[] {MARKED, ERRORS, SWEPT, FREED, DELETED}) {
            registry.counter(counter); // at 0 from the start, so rate() and increase() see the first run
        }
        // every final state starts at 0, so the alert's increase() sees the first failed run too
        for (GcRun.State state : GcRun.State.values()) {
            if (state != GcRun.State.RUNNING) {
                for (boolean dryRun : new boolean[] {false, true}) {
                    registry.counter(RUNS, new Tag("state", state.name().toLowerCase()), new Tag("dry_run", String.valueOf(dryRun)));
                }
            }
        }
        registry.gauge(Metadata.builder().withName("gpr_gc_last_success_timestamp_seconds").withUnit(MetricUnits.SECONDS)
                .withDescription("When the last real garbage collection run completed (Unix time; 0: none since start)")
                .build(), this, m -> m.lastSuccessEpochSeconds);
        registry.gauge(Metadata.builder().withName("gpr_gc_next_run_timestamp_seconds").withUnit(MetricUnits.SECONDS)
                .withDescription("When the next scheduled garbage collection run is due (Unix time; 0: no schedule)")
                .build(), this, m -> m.nextRunEpochSeconds);
    }

    /** The scheduler's next occurrence (null: no schedule). */
    void nextRun(java.time.Instant at) {
        nextRunEpochSeconds = at == null ? 0 : at.toEpochMilli() / 1000.0;
    }

    double lastRunSeconds() {
        return lastRunSeconds;
    }

    public void finished(GcRun run) {
        registry.counter(RUNS, new Tag("state", run.state().name().toLowerCase()), new Tag("dry_run", String.valueOf(run.dryRun())))
                .inc();
        registry.counter(MARKED).inc(run.marked());
        registry.counter(ERRORS).inc(run.errors());
        lastRunSeconds = run.durationSeconds();
        registry.gauge(Metadata.builder().withName("gpr_gc_last_run_duration_seconds").withUnit(MetricUnits.SECONDS)
                .withDescription("Wall time of the last finished garbage collection run").build(),
                this, GcMetrics::lastRunSeconds);
        if (run.dryRun()) {
            return;
        }
        if (run.state() == GcRun.State.COMPLETED) {
            lastSuccessEpochSeconds = System.currentTimeMillis() / 1000.0;
        }
        registry.counter(SWEPT).inc(run.swept());
        registry.counter(FREED).inc(run.bytesFreed());
        registry.counter(DELETED).inc(run.artifactsDeleted());
    }
}
