package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LISTEN/NOTIFY wakes an idle replica's tail at once (its poll set to a minute here), and polling still carries the
 * replica when the listener connection is lost or cannot be opened.
 */
class ClusterWakeupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BlobReferences REFS = new BlobReferences(List.of(new BlobReferences.Source("artifact/", "digest")));
    private static final String URL = System.getProperty("gpr.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final Duration LONG_POLL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private DataSource ds;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void database() {
        ds = ClusterDatabase.fresh();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ClusterMetadataStore node(String name, Duration poll) {
        ClusterMetadataStore store = new ClusterMetadataStore(
                new LmdbMetadataStore(dir.resolve(name), 1 << 24, 1L << 30, REFS), ds, name, REFS, poll);
        open.add(store);
        return store;
    }

    private PgListener listener(String url, String name, ClusterMetadataStore wakes) {
        PgListener listener = new PgListener(url, "postgres", "unused-trust-auth", name, Duration.ofMillis(500));
        listener.subscribe(ClusterNotifications.LOG_CHANNEL, wakes.replicator()::wake);
        open.add(listener);
        return listener.start();
    }

    private static void publish(ClusterMetadataStore node, String version) throws Exception {
        WriteBatch batch = node.newBatch();
        byte[] doc = ("{\"namespace\":\"acme\",\"name\":\"app\",\"version\":\"" + version + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        batch.putDocument("artifact/acme/app/" + version, doc, WriteBatch.Precondition.IF_ABSENT);
        batch.appendEvent("artifact.published", JSON.readTree(doc));
        batch.commit();
    }

    private static boolean has(ClusterMetadataStore node, String version) {
        return node.keys("artifact/", null, 100).keys().contains("artifact/acme/app/" + version);
    }

    /** Waits for {@code condition}; returns the milliseconds it took. */
    private static long await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(5);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private void settle(ClusterMetadataStore... nodes) throws InterruptedException {
        await("rebuilt", 60, () -> java.util.Arrays.stream(nodes).allMatch(n -> n.lag().rebuilt()));
        Thread.sleep(300); // let the tails reach their idle wait (the long poll)
    }

    @Test
    void aNotifyWakesTheIdleTailLongBeforeItsPoll() throws Exception {
        ClusterMetadataStore writer = node("writer", LONG_POLL).start();
        ClusterMetadataStore replica = node("replica", LONG_POLL);
        PgListener listener = listener(URL, "gpr-listen wake-test", replica);
        replica.start();
        await("listening", 60, listener::listening);
        settle(writer, replica);
        for (int i = 1; i <= 3; i++) {
            String version = "1.0." + i;
            publish(writer, version);
            long took = await("the replica to apply " + version, 40, () -> has(replica, version));
            // a wake-up, not the poll: well under the 60 s interval even on a loaded machine
            assertTrue(took < 30_000, "applied after " + took + " ms");
        }
    }

    @Test
    void aNodesOwnLogNotificationsDoNotWakeItsTail() throws Exception {
        PgListener listener = new PgListener(URL, "postgres", "unused-trust-auth", "gpr-listen own-test",
                Duration.ofMillis(500));
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        listener.subscribe(ClusterNotifications.LOG_CHANNEL, "me", wakes::incrementAndGet);
        open.add(listener);
        listener.start();
        await("listening", 60, listener::listening);
        await("the wake-up after connecting", 10, () -> wakes.get() == 1);
        notify("me");
        notify("other");
        await("the other node's notification", 40, () -> wakes.get() == 2);
        notify("me");
        notify("other");
        await("the other node's second notification", 40, () -> wakes.get() == 3);
        Thread.sleep(200);
        assertTrue(wakes.get() == 3, "woken " + wakes.get() + " times: by its own notifications too");
    }

    private void notify(String payload) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, ClusterNotifications.LOG_CHANNEL);
            ps.setString(2, payload);
            ps.executeQuery().close();
        }
    }

    @Test
    void aLostListenerConnectionReconnectsAndWakesAgain() throws Exception {
        ClusterMetadataStore writer = node("writer", LONG_POLL).start();
        ClusterMetadataStore replica = node("replica", LONG_POLL);
        PgListener listener = listener(URL, "gpr-listen lost-test", replica);
        replica.start();
        await("listening", 60, listener::listening);
        settle(writer, replica);
        assertTrue(listener.connects() == 1);
        assertTrue(terminate("gpr-listen lost-test") >= 1, "the listener's backend was found and ended");
        await("the listener to reconnect", 60, () -> listener.connects() == 2 && listener.listening());
        Thread.sleep(300);
        publish(writer, "2.0.0");
        assertTrue(await("the replica to apply after the reconnect", 40, () -> has(replica, "2.0.0")) < 30_000);
    }

    @Test
    void withoutAListenerConnectionPollingCarriesTheReplica() throws Exception {
        ClusterMetadataStore writer = node("writer", Duration.ofSeconds(60)).start();
        ClusterMetadataStore replica = node("replica", Duration.ofMillis(500));
        // nothing listens on port 1: the listener keeps retrying and never wakes anyone
        PgListener listener = listener("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1", "gpr-listen down", replica);
        replica.start();
        settle(writer, replica);
        publish(writer, "3.0.0");
        await("the replica to apply by polling", 60, () -> has(replica, "3.0.0"));
        assertFalse(listener.listening());
    }

    /** Ends the backend of the connection named {@code applicationName}, as a network failure or a restart would. */
    private int terminate(String applicationName) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n += rs.getBoolean(1) ? 1 : 0;
                }
            }
            return n;
        }
    }
}
