package com.goodpackagerepo.observability;

import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.cluster.PipelineApply;
import com.goodpackagerepo.storage.cluster.ReplicaLag;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.event.CommittedEvents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The domain metrics, in the application registry (Prometheus at {@code /metrics}): requests by route, method
 * and status with latency histograms, errors by code, blob bytes in and out, events by type (publishes are
 * {@code type="artifact.published"}), LMDB map size/used/entries, the event log length and dropped access-log
 * lines. Gauges read the engines' own counters; nothing here scans a store. Every metric has help text and, where
 * it has a unit, the unit in its name (docs/operations.md, Metrics; {@code MetricsLintIT} runs promtool on them).
 */
@ApplicationScoped
public class RepositoryMetrics implements BlobTraffic {
    private static final Metadata REQUESTS = Metadata.builder().withName("gpr_http_requests")
            .withDescription("HTTP requests by route, method and status, with their latency").build();
    private static final Metadata ERRORS = Metadata.builder().withName("gpr_errors")
            .withDescription("Error answers by error code of the JSON body").build();
    private static final Metadata EVENTS = Metadata.builder().withName("gpr_events")
            .withDescription("Events written to the durable log by type (artifact.published counts publishes)").build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    Stores stores;

    @Inject
    AccessLog accessLog;

    @Inject
    LatencyWindow latencyWindow;

    private final Map<RequestKey, Timer> timers = new ConcurrentHashMap<>();
    private Counter bytesOut;
    private Counter bytesIn;
    /** Counters by error code and by event type: looked up once each, like the timers. */
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, Counter> events = new ConcurrentHashMap<>();

    @PostConstruct
    void registerMetrics() {
        bytesIn = registry.counter(Metadata.builder().withName("gpr_blob_received_bytes").withUnit(MetricUnits.BYTES)
                .withDescription("Blob bytes received from clients and upstreams").build());
        bytesOut = registry.counter(Metadata.builder().withName("gpr_blob_sent_bytes").withUnit(MetricUnits.BYTES)
                .withDescription("Blob bytes sent to clients").build());
        lmdbGauge("gpr_lmdb_map_size_bytes", "Current LMDB map size (grows by doubling)", StoreStats::mapSizeBytes);
        lmdbGauge("gpr_lmdb_used_bytes", "Bytes of the LMDB map in use", StoreStats::usedBytes);
        lmdbGauge("gpr_lmdb_map_max_bytes", "Largest size the LMDB map may grow to (gpr.lmdb.map-size.max)",
                StoreStats::maxMapSizeBytes);
        registry.gauge(Metadata.builder().withName("gpr_lmdb_entries").withDescription("LMDB entries (documents, index rows, events)").build(),
                stores, s -> s.metadataOpen() ? s.metadata().stats().entriesByDb().values().stream().mapToLong(Long::longValue).sum() : 0L);
        registry.gauge(Metadata.builder().withName("gpr_event_log_length").withDescription("Events in the durable log").build(),
                stores, s -> s.metadataOpen() ? s.metadata().length() : 0L);
        clusterGauge("gpr_cluster_replica_applied_seq", "Cluster mode: last log entry applied to this node's replica",
                lag -> lag.appliedSeq());
        clusterGauge("gpr_cluster_replica_head_seq", "Cluster mode: last log entry committed in PostgreSQL",
                lag -> lag.headSeq());
        clusterGauge("gpr_cluster_replica_events_behind",
                "Cluster mode: log entries (committed batches, each with its events) not yet applied on this node",
                lag -> lag.entriesBehind());
        registry.gauge(Metadata.builder().withName("gpr_cluster_replica_seconds_behind").withUnit(MetricUnits.SECONDS)
                        .withDescription("Cluster mode: age of the oldest log entry not yet applied on this node").build(),
                stores, s -> s.replicaLag().map(ReplicaLag::secondsBehind).orElse(0.0));
        applyGauge("gpr_cluster_replica_applied_by_pipeline",
                "Cluster mode: other nodes' log entries applied here by the schema's replication apply pipelines",
                counts -> counts.byPipeline());
        applyGauge("gpr_cluster_replica_applied_by_write_set",
                "Cluster mode: other nodes' log entries applied here by the authority's write-set (an event without"
                        + " an apply pipeline, or a mismatch)", counts -> counts.byWriteSet());
        applyGauge("gpr_cluster_replica_apply_mismatches",
                "Cluster mode: log entries whose apply pipelines did not reproduce the write-set (applied by write-set)",
                counts -> counts.mismatches());
        registry.gauge(Metadata.builder().withName("gpr_access_log_dropped_lines")
                .withDescription("Access-log lines since start that no destination could take (the file, then messages.log)").build(),
                accessLog, AccessLog::dropped);
    }

    private void clusterGauge(String name, String help, ToLongFunction<ReplicaLag> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(help).build(), stores,
                s -> s.replicaLag().map(value::applyAsLong).orElse(0L));
    }

    /** A count since start; a gauge like the other replica figures, read from the replicator when scraped. */
    private void applyGauge(String name, String help, ToLongFunction<PipelineApply.ReplicaApplyCounts> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(help).build(), stores,
                s -> s.replicaApplyCounts().map(value::applyAsLong).orElse(0L));
    }

    private void lmdbGauge(String name, String help, ToLongFunction<StoreStats> value) {
        registry.gauge(Metadata.builder().withName(name).withUnit(MetricUnits.BYTES).withDescription(help).build(), stores,
                s -> s.metadataOpen() ? value.applyAsLong(s.metadata().stats()) : 0L);
    }

    /**
     * Records one request. The timer of each (route, method, status) is looked up in the registry once and then
     * kept: building its metadata and tags on every request cost more than updating it. Same for every counter.
     */
    public void request(String route, String method, int status, Duration duration) {
        timers.computeIfAbsent(new RequestKey(route, method, status), k -> registry.timer(
                REQUESTS,
                new Tag("route", k.route()), new Tag("method", k.method()), new Tag("status", String.valueOf(k.status()))))
                .update(duration);
        latencyWindow.record(status, duration.toNanos());
    }

    public void error(String code) {
        errors.computeIfAbsent(code, c -> registry.counter(ERRORS, new Tag("code", c))).inc();
    }

    @Override
    public void blobBytesIn(long bytes) {
        bytesIn.inc(bytes);
    }

    public void blobBytesOut(long bytes) {
        bytesOut.inc(bytes);
    }

    private record RequestKey(String route, String method, int status) {
    }

    /** Counts the events every committed write appended ({@code gpr_events} by type). */
    void onCommitted(@Observes CommittedEvents committed) {
        committed.events().forEach(e -> event(e.type()));
    }

    public void event(String type) {
        events.computeIfAbsent(type, t -> registry.counter(EVENTS, new Tag("type", t))).inc();
    }
}
