package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.storage.cluster.SingletonLock;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Starts collection runs, one at a time, on the server's managed executor, and answers for the current and
 * past runs. A second start while one runs is 409. On shutdown the running run is asked to stop; it stops
 * between two steps (each deletion is one committed step), and if the process dies first its record stays
 * "running" until the next start marks it "interrupted".
 */
@ApplicationScoped
public class GcRunManager {
    private static final Logger LOG = Logger.getLogger(GcRunManager.class.getName());
    /** One garbage collection run (retention and sweep included) in the whole cluster at a time. */
    static final String LOCK = "gc";

    @Inject
    Stores stores;
    @Inject
    CompiledConfigHolder compiledConfigs;
    @Inject
    ResponseCache cache;
    @Inject
    GcConfigOverrides settings;
    @Inject
    GcMetrics metrics;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService executor;

    Clock clock = Clock.systemUTC();
    private GcRun current;
    private Future<?> task;
    private boolean recovered;

    /** Starts a run over every namespace in the background (see {@link #start(boolean, Long, String, String, String)}). */
    public GcRun start(boolean dryRun, Long graceSeconds, String trigger, String by) {
        return start(dryRun, graceSeconds, null, trigger, by);
    }

    /**
     * Starts a run in the background.
     *
     * @param graceSeconds a grace window other than the configured one, or null
     * @param namespace    limits retention to one namespace, or null
     * @throws DomainException 409 {@code CONFLICT} when a run is already running or collection is turned off
     *                      ({@code gc.enabled=false} or {@code features.gc_enabled=false})
     */
    public synchronized GcRun start(boolean dryRun, Long graceSeconds, String namespace, String trigger, String by) {
        if (current != null) {
            throw new DomainException(ErrorCode.CONFLICT, "Garbage collection run " + current.id() + " is still running");
        }
        CompiledConfig compiled = compiledConfigs.current();
        GcPolicy policy = settings.policy(compiled.config().model());
        if (!policy.enabled()) {
            throw new DomainException(ErrorCode.CONFLICT, "Garbage collection is turned off (gc.enabled or"
                    + " features.gc_enabled is false)");
        }
        SingletonLock lock = stores.singleton(LOCK).orElseThrow(() -> new DomainException(ErrorCode.CONFLICT,
                "A garbage collection run is running on another cluster node"));
        try {
            recoverHoldingLock();
            var now = clock.instant();
            GcRun run = new GcRun(GcRunStore.newId(now), trigger, by, dryRun,
                    graceSeconds != null ? graceSeconds : policy.graceSeconds(), namespace, now);
            GcRunner collector = new GcRunner(stores, compiled, cache::invalidateEverywhere, clock,
                    metrics == null ? r -> { } : metrics::finished);
            current = run;
            try {
                task = executor.submit(() -> {
                    try (lock) {
                        collector.run(run, policy);
                    } finally {
                        ended(run);
                    }
                });
            } catch (RuntimeException e) {
                current = null;
                throw new DomainException(ErrorCode.UNAVAILABLE, "Cannot start a garbage collection run: " + e.getMessage());
            }
            return run;
        } catch (RuntimeException e) {
            if (current == null) {
                lock.close();
            }
            throw e;
        }
    }

    private synchronized void ended(GcRun run) {
        if (current == run) {
            current = null;
            task = null;
        }
    }

    public synchronized Optional<GcRun> current() {
        return Optional.ofNullable(current);
    }

    /** Asks the running run to stop; false when {@code id} is not running. */
    public synchronized boolean cancel(String id) {
        if (current == null || !current.id().equals(id)) {
            return false;
        }
        current.cancel();
        return true;
    }

    /** A run's record, live when it is the running one. */
    public Optional<JsonNode> get(String id) {
        Optional<GcRun> running = current().filter(r -> r.id().equals(id));
        if (running.isPresent()) {
            return Optional.of(running.get().toJson());
        }
        return new GcRunStore(stores.metadata()).get(id);
    }

    /** Every kept record, newest first, the running one live. */
    public List<JsonNode> list() {
        Optional<GcRun> running = current();
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode record : new GcRunStore(stores.metadata()).list()) {
            boolean live = running.isPresent() && running.get().id().equals(record.path("id").asText());
            runs.add(live ? running.get().toJson() : record);
        }
        return runs;
    }

    /**
     * Marks runs a previous process left "running" as "interrupted": once per process in single mode; in cluster
     * mode whenever no node holds the run lock (a node that died mid-run released it with its connection).
     */
    public synchronized void recover() {
        if (!stores.metadataOpen() || current != null) {
            return;
        }
        if (stores.clustered()) {
            stores.singleton(LOCK).ifPresent(lock -> {
                try (lock) {
                    recoverHoldingLock();
                }
            });
        } else if (!recovered) {
            recoverHoldingLock();
        }
    }

    private void recoverHoldingLock() {
        if (recovered && !stores.clustered()) {
            return;
        }
        recovered = true;
        int stale = new GcRunStore(stores.metadata()).markInterrupted(clock.instant());
        if (stale > 0) {
            LOG.info(() -> stale + " garbage collection run(s) cut short by a shutdown or a node's death marked interrupted");
        }
    }

    /** Stops the running run between two steps and waits a little for it. */
    @PreDestroy
    void stop() {
        Future<?> running;
        synchronized (this) {
            if (current == null) {
                return;
            }
            current.cancel();
            running = task;
        }
        try {
            if (running != null) {
                running.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            LOG.info(() -> "garbage collection run did not stop cleanly before shutdown: " + e);
        }
    }
}
