package com.goodpackagerepo.observability;

import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.kv.KeyPage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * A small history of a few gauges for the admin dashboard (MicroProfile Metrics keeps only current values): every
 * {@code gpr.metrics.history.interval.seconds} (60) a {@link HistorySample} goes into a ring of
 * {@code gpr.metrics.history.samples} (1440, a day at the default interval). Lost on restart by design; Prometheus
 * is the long-term store. The store totals come from walking the blob directories and the artifact keys, redone
 * only as often as {@link StoreCensus} allows, so the sampler stays cheap on a large store.
 */
@ApplicationScoped
public class MetricsHistory {
    private static final Logger LOG = Logger.getLogger(MetricsHistory.class.getName());
    static final String PUBLISHED = "artifact.published";

    @Inject
    Stores stores;
    @Inject
    LatencyWindow window;
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService executor;
    @Inject
    @ConfigProperty(name = "gpr.metrics.history.interval.seconds", defaultValue = "60")
    long intervalSeconds;
    @Inject
    @ConfigProperty(name = "gpr.metrics.history.samples", defaultValue = "1440")
    int capacity;

    private SampleRing<HistorySample> ring;
    private ScheduledFuture<?> task;
    private final StoreCensus census = new StoreCensus(this::count, System::nanoTime);
    /** The literal start of the artifact metadata keys (its role in the schema); null while no schema is read. */
    private volatile String artifactPrefix;

    synchronized void onConfig(@Observes RepositoryConfig config) {
        artifactPrefix = config.model().document(DocumentRole.ARTIFACT_METADATA)
                .map(document -> document.key().literalPrefix()).orElse(null);
        if (task == null) {
            ring = new SampleRing<>(Math.max(2, capacity));
            task = executor.scheduleAtFixedRate(this::record, 0, Math.max(1, intervalSeconds), TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    public long intervalSeconds() {
        return intervalSeconds;
    }

    /** The stored samples, oldest first, followed by one taken now (not stored). */
    public List<HistorySample> withCurrent() {
        SampleRing<HistorySample> current;
        synchronized (this) {
            current = ring;
        }
        List<HistorySample> samples = current == null ? new java.util.ArrayList<>() : current.items();
        samples.add(sample(false, census.recount()));
        return samples;
    }

    private void record() {
        try {
            ring.add(sample(true, census.totals()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "metrics history sample failed", e);
        }
    }

    private HistorySample sample(boolean drain, StoreCensus.Totals totals) {
        return new HistorySample(Instant.now(), totals.bytes(), totals.blobs(), totals.artifacts(), window.requests(),
                window.clientErrors(), window.serverErrors(), publishes(), window.percentiles(drain));
    }

    /** One walk of the filesystem blob stores and the artifact keys (bounded in cost by {@link StoreCensus}). */
    private StoreCensus.Totals count() {
        AtomicLong bytes = new AtomicLong();
        AtomicLong blobs = new AtomicLong();
        for (String name : stores.blobRoots().keySet()) {
            BlobStore store = stores.blobStore(name);
            if (store instanceof FilesystemBlobStore files) {
                try {
                    files.forEachBlob(blob -> {
                        blobs.incrementAndGet();
                        bytes.addAndGet(blob.size());
                    });
                } catch (IOException e) {
                    LOG.log(Level.FINE, "blob store " + name + " could not be walked", e);
                }
            }
        }
        return new StoreCensus.Totals(blobs.get(), bytes.get(), artifacts());
    }

    private long artifacts() {
        String prefix = artifactPrefix;
        if (prefix == null || !stores.metadataOpen()) {
            return 0;
        }
        long count = 0;
        String cursor = null;
        do {
            KeyPage page = stores.metadata().keys(prefix, cursor, 1000);
            count += page.keys().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }

    private long publishes() {
        return registry.getCounters((id, metric) -> "gpr_events".equals(id.getName())
                        && PUBLISHED.equals(id.getTags().get("type")))
                .values().stream().mapToLong(c -> c.getCount()).sum();
    }
}
