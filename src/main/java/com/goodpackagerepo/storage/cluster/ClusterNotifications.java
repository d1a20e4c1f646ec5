package com.goodpackagerepo.storage.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's single {@link PgListener} (cluster mode only): the log tail and the cluster signals subscribe to it,
 * so one connection wakes both. Opened on the configured database ({@code gpr.db.url}, {@code gpr.db.user},
 * {@code gpr.db.password}) when the first subscriber asks; {@code gpr.cluster.listen=false} turns it off (polling
 * only).
 */
@ApplicationScoped
public class ClusterNotifications {
    private static final Logger LOG = Logger.getLogger(ClusterNotifications.class.getName());
    /** Notified by every committed log entry (payload: the id of the node that wrote it). */
    public static final String LOG_CHANNEL = "gpr_cluster_log";
    /** Notified by every committed cluster signal. */
    public static final String SIGNAL_CHANNEL = "gpr_cluster_signal";

    @Inject
    @ConfigProperty(name = "gpr.db.url")
    Optional<String> url;
    @Inject
    @ConfigProperty(name = "gpr.db.user")
    Optional<String> user;
    @Inject
    @ConfigProperty(name = "gpr.db.password")
    Optional<String> password;
    @Inject
    @ConfigProperty(name = "gpr.cluster.listen", defaultValue = "true")
    boolean enabled;
    @Inject
    @ConfigProperty(name = "gpr.cluster.listen.max-backoff-ms", defaultValue = "5000")
    long maxBackoffMillis;

    private PgListener listener;
    private boolean decided;

    /**
     * Wakes {@code wake} on each notification of {@code channel}; false (nothing subscribed) when listening is off
     * or the database is not PostgreSQL, and the caller's polling is all there is.
     */
    public synchronized boolean subscribe(String channel, String nodeId, Runnable wake) {
        return subscribe(channel, nodeId, false, wake);
    }

    /**
     * As {@link #subscribe(String, String, Runnable)}; with {@code othersOnly}, a notification whose payload is this
     * node's id (sent by this node itself, as every log entry's is) does not wake.
     */
    public synchronized boolean subscribe(String channel, String nodeId, boolean othersOnly, Runnable wake) {
        if (!decided) {
            decided = true;
            String jdbcUrl = url.orElse("");
            if (!enabled || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                LOG.info("cluster LISTEN/NOTIFY off (gpr.cluster.listen=" + enabled + "); polling only");
            } else {
                listener = new PgListener(jdbcUrl, user.orElse(null), password.orElse(null),
                        "gpr-listen " + nodeId, Duration.ofMillis(maxBackoffMillis)).start();
                LOG.info("cluster LISTEN/NOTIFY on: one listener connection for the log tail and the signals");
            }
        }
        if (listener == null) {
            return false;
        }
        listener.subscribe(channel, othersOnly ? nodeId : null, wake);
        return true;
    }

    /** Whether the listener connection is up (false: polling only, or reconnecting). */
    public synchronized boolean listening() {
        return listener != null && listener.listening();
    }

    @PreDestroy
    synchronized void close() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }
}
