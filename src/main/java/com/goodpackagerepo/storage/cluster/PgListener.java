package com.goodpackagerepo.storage.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One node's PostgreSQL {@code LISTEN} connection: wakes the subscribers of a channel when a transaction that ran
 * {@code pg_notify(channel, …)} commits. It is a wake-up only: subscribers still read what changed with their own
 * query, and poll on their own interval as the fallback, so a lost notification (the connection dropped, the node
 * was busy) costs at most one poll interval. The connection is opened with the pgjdbc driver directly (Liberty's
 * pooled connections do not expose {@code PGConnection.getNotifications}); it reconnects with a doubling back-off
 * and wakes every subscriber after each (re)connect, since notifications sent meanwhile were lost.
 */
public final class PgListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgListener.class.getName());
    /** How long one wait for notifications blocks before the loop checks that it should go on. */
    private static final int WAIT_MILLIS = 1000;
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private final String url;
    private final Properties properties;
    private final long maxBackoffMillis;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Connection connection;
    private volatile boolean listening;
    private final java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
    private Thread thread;

    /**
     * @param url a {@code jdbc:postgresql:} URL
     * @param user user name (null: the URL's)
     * @param password password (null: none)
     * @param applicationName shown in {@code pg_stat_activity}, so the connection can be found
     * @param maxBackoff the longest wait between reconnection attempts
     */
    public PgListener(String url, String user, String password, String applicationName, Duration maxBackoff) {
        this.url = url;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        this.maxBackoffMillis = Math.max(FIRST_BACKOFF_MILLIS, maxBackoff.toMillis());
    }

    /** Calls {@code wake} (on the listener's thread: keep it short) whenever {@code channel} is notified. */
    public void subscribe(String channel, Runnable wake) {
        subscribe(channel, null, wake);
    }

    /**
     * As {@link #subscribe(String, Runnable)}, but notifications whose payload is {@code ownPayload} do not wake
     * (this node sent them and already has what they announce); the wake-up after a (re)connect still does.
     */
    public void subscribe(String channel, String ownPayload, Runnable wake) {
        checkChannel(channel);
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(new Subscriber(ownPayload, wake));
        Connection c = connection;
        if (c != null) {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + channel);
            } catch (SQLException e) {
                LOG.log(Level.FINE, "LISTEN " + channel + " failed; the next reconnect listens", e);
            }
        }
    }

    /** Whether the connection is open and listening (false while reconnecting: subscribers rely on polling). */
    public boolean listening() {
        return listening;
    }

    /** How many times the connection was opened and listening (1 + the reconnects). */
    public int connects() {
        return connects.get();
    }

    public synchronized PgListener start() {
        if (!running) {
            running = true;
            thread = new Thread(this::loop, "gpr-cluster-listen");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void loop() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                for (String channel : subscribers.keySet()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                listening = true;
                connects.incrementAndGet();
                backoff = FIRST_BACKOFF_MILLIS;
                wakeAll();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            wake(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "cluster LISTEN connection lost (" + e.getMessage()
                            + "); polling until it is back, retrying in " + backoff + " ms");
                }
            } finally {
                listening = false;
                connection = null;
            }
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(maxBackoffMillis, backoff * 2);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = new org.postgresql.Driver().connect(url, properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        c.setAutoCommit(true);
        return c;
    }

    private void wake(String channel, String payload) {
        List<Subscriber> list = subscribers.get(channel);
        if (list != null) {
            list.stream().filter(s -> s.ownPayload() == null || !s.ownPayload().equals(payload))
                    .forEach(s -> runQuietly(s.wake()));
        }
    }

    private void wakeAll() {
        subscribers.values().forEach(list -> list.forEach(s -> runQuietly(s.wake())));
    }

    /** A subscriber, and the payload of the notifications it sent itself (null: woken by all). */
    private record Subscriber(String ownPayload, Runnable wake) {
    }

    private static void runQuietly(Runnable wake) {
        try {
            wake.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a cluster wake-up failed", e);
        }
    }

    static void checkChannel(String channel) {
        if (channel == null || !channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad channel name: " + channel);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the LISTEN connection", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
