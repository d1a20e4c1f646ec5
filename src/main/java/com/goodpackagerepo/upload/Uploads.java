package com.goodpackagerepo.upload;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's upload sessions, opened from disk when first used, and their collector: every
 * {@code gpr.uploads.sweep-interval-seconds} expired sessions and their staged bytes are deleted.
 */
@ApplicationScoped
public class Uploads {
    private static final Logger LOG = Logger.getLogger(Uploads.class.getName());

    @Inject
    UploadSettings settings;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService executor;

    private UploadSessions sessions;
    private ScheduledFuture<?> sweeper;

    @PostConstruct
    void open() {
        try {
            sessions = new UploadSessions(settings.dir(), settings.limits(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the upload sessions in " + settings.dir(), e);
        }
        long every = settings.sweepInterval().toMillis();
        sweeper = executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        LOG.info(() -> sessions.size() + " upload sessions in " + settings.dir());
    }

    /** Opens the sessions at start-up, so expired ones left from before a restart are collected without a request. */
    void onStartup(@jakarta.enterprise.event.Observes jakarta.enterprise.event.Startup event) {
        LOG.fine(() -> "upload sessions ready: " + sessions.size());
    }

    public UploadSessions sessions() {
        return sessions;
    }

    void sweep() {
        try {
            int collected = sessions.sweep();
            if (collected > 0) {
                LOG.info(() -> "collected " + collected + " expired upload sessions");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "collecting expired upload sessions failed", e);
        }
    }

    @PreDestroy
    void close() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }
}
