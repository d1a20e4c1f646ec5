package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.json.Json;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires scheduled runs at the occurrences of {@code gc.sweep.schedule.rrule} (or {@code gpr.gc.rrule}) on the
 * managed scheduled executor, one occurrence at a time: each firing schedules the next. An occurrence that
 * comes while a run is still going is skipped (one run at a time). {@code gc.enabled=false} or an empty rule
 * schedules nothing. Every configuration change re-plans the schedule; it observes configurations after the
 * stores have opened theirs.
 */
@ApplicationScoped
public class GcScheduler {
    private static final Logger LOG = Logger.getLogger(GcScheduler.class.getName());

    @Inject
    GcRunManager service;
    @Inject
    GcConfigOverrides settings;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService executor;

    @Inject
    GcMetrics gcMetrics = new GcMetrics(); // replaced by injection; plain instance for unit tests
    Clock clock = Clock.systemUTC();
    private GcPolicy policy;
    private GcRecurrence schedule;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private long generation;

    void onConfig(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) RepositoryConfig config) {
        service.recover();
        apply(settings.policy(config.model()));
    }

    synchronized void apply(GcPolicy newPolicy) {
        cancelNext();
        generation++;
        policy = newPolicy;
        schedule = null;
        gcMetrics.nextRun(null);
        if (!newPolicy.enabled() || newPolicy.rrule().isBlank()) {
            LOG.info("scheduled garbage collection is off (gc.enabled=false or no rrule)");
            return;
        }
        try {
            schedule = new GcRecurrence(newPolicy.rrule(), clock.instant());
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "scheduled garbage collection is off: " + e.getMessage());
            return;
        }
        planNext(generation);
    }

    private synchronized void planNext(long planned) {
        if (planned != generation || schedule == null) {
            return;
        }
        Instant now = clock.instant();
        nextAt = schedule.next(now);
        gcMetrics.nextRun(nextAt);
        if (nextAt == null) {
            LOG.info("the garbage collection schedule has no further occurrences");
            return;
        }
        long delay = Math.max(0, Duration.between(now, nextAt).toMillis());
        next = executor.schedule(() -> fire(planned), delay, TimeUnit.MILLISECONDS);
        LOG.fine(() -> "next garbage collection run at " + nextAt);
    }

    private void fire(long planned) {
        try {
            synchronized (this) {
                if (planned != generation) {
                    return;
                }
            }
            service.start(false, null, "schedule", "scheduler");
        } catch (DomainException e) {
            LOG.info(() -> "scheduled garbage collection skipped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scheduled garbage collection could not start", e);
        } finally {
            planNext(planned);
        }
    }

    /** The schedule as the admin API shows it. */
    public synchronized ObjectNode describe() {
        ObjectNode json = Json.object();
        json.put("enabled", policy != null && policy.enabled());
        json.put("rrule", policy == null ? null : policy.rrule());
        json.put("next_run_at", schedule == null || nextAt == null ? null : nextAt.toString());
        return json;
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        nextAt = null;
    }

    @PreDestroy
    synchronized void stop() {
        generation++;
        cancelNext();
    }
}
