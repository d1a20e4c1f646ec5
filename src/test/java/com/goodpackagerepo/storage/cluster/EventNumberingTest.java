package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log numbering against the real PostgreSQL: transactions that commit out of the order they started (or took
 * numbers) are never skipped by a reader that keeps "the last number I applied".
 */
class EventNumberingTest {
    private static final Logger LOG = Logger.getLogger(EventNumberingTest.class.getName());

    @TempDir
    Path dir;

    private DataSource ds;
    private ClusterMetadataStore writer;
    private LmdbMetadataStore replica;
    private ClusterReplicator tail;

    @BeforeEach
    void open() {
        ds = ClusterDatabase.fresh();
        writer = new ClusterMetadataStore(new LmdbMetadataStore(dir.resolve("w"), 1 << 24, 1L << 30),
                ds, "w", BlobReferences.none(), Duration.ofMillis(20));
        replica = new LmdbMetadataStore(dir.resolve("r"), 1 << 24, 1L << 30);
        replica.setReplicaPosition(0);
        tail = new ClusterReplicator(replica, ds, "r", Duration.ofMillis(20), 100); // driven by hand, no thread
    }

    @AfterEach
    void close() {
        writer.close();
        replica.close();
    }

    private static void put(ClusterMetadataStore store, String key) {
        WriteBatch batch = store.newBatch();
        batch.putDocument(key, "{}".getBytes(StandardCharsets.UTF_8), WriteBatch.Precondition.NONE);
        batch.commit();
    }

    @Test
    void aTransactionThatStartedFirstButCommitsLastIsStillSeen() throws Exception {
        try (Connection slow = ds.getConnection()) {
            slow.setAutoCommit(false);
            PgStatements sql = new PgStatements(slow);
            sql.insertDocumentIfAbsent("doc/slow", "{}".getBytes(StandardCharsets.UTF_8)); // started, not numbered yet
            put(writer, "doc/fast"); // starts later, commits first
            assertEquals(1, tail.tailOnce());
            assertEquals(1, replica.replicaPosition());
            long[] numbers = sql.takeNumbers(0);
            sql.insertBatch(numbers[0], "slow", WriteSetCodec.encode(List.of(
                    new ReplicatedBatch.PutDocument("doc/slow", "{}".getBytes(StandardCharsets.UTF_8)))), List.of());
            slow.commit();
            assertEquals(2, numbers[0]);
        }
        assertEquals(1, tail.tailOnce());
        assertTrue(replica.get("doc/slow").isPresent());
        assertTrue(replica.get("doc/fast").isPresent());
    }

    @Test
    void aNumberTakenButNotCommittedHoldsBackLaterWritersSoTheReaderCannotPassIt() throws Exception {
        CompletableFuture<Void> later;
        try (Connection slow = ds.getConnection()) {
            slow.setAutoCommit(false);
            PgStatements sql = new PgStatements(slow);
            long[] numbers = sql.takeNumbers(0); // number 1, not committed
            later = CompletableFuture.runAsync(() -> put(writer, "doc/later"));
            Thread.sleep(300);
            assertFalse(later.isDone(), "a later writer committed while a lower number was open");
            assertEquals(0, tail.tailOnce(), "the reader saw something above an open number");
            sql.insertBatch(numbers[0], "slow", WriteSetCodec.encode(List.of(
                    new ReplicatedBatch.PutDocument("doc/slow", "{}".getBytes(StandardCharsets.UTF_8)))), List.of());
            slow.commit();
        }
        later.get(10, TimeUnit.SECONDS);
        while (tail.tailOnce() > 0) {
            // drain
        }
        assertEquals(2, replica.replicaPosition());
        assertTrue(replica.get("doc/slow").isPresent());
        assertTrue(replica.get("doc/later").isPresent());
    }

    @Test
    void aRolledBackNumberIsReusedSoTheLogHasNoGap() throws Exception {
        try (Connection aborted = ds.getConnection()) {
            aborted.setAutoCommit(false);
            new PgStatements(aborted).takeNumbers(3);
            aborted.rollback();
        }
        put(writer, "doc/a");
        try (Connection c = ds.getConnection()) {
            assertEquals(List.of(1L), ClusterReplicator.fetch(c, 0, 10).stream().map(ReplicatedBatch::seq).toList());
        }
    }

    /** Why not a bigserial: the same interleaving loses the lower number to a reader that keeps its position. */
    @Test
    void withAPlainSequenceTheSameInterleavingSkipsAnEvent() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE naive_log (seq BIGSERIAL PRIMARY KEY, v TEXT)");
        }
        long position = 0;
        List<Long> seen = new ArrayList<>();
        try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.execute("INSERT INTO naive_log (v) VALUES ('first')"); // takes 1, commits last
            }
            try (Statement s = second.createStatement()) {
                s.execute("INSERT INTO naive_log (v) VALUES ('second')"); // takes 2, commits now
            }
            position = readNaive(position, seen);
            first.commit();
        }
        readNaive(position, seen);
        assertEquals(List.of(2L), seen, "the plain sequence skipped number 1 (this is the bug the counter row avoids)");
    }

    private long readNaive(long after, List<Long> seen) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq FROM naive_log WHERE seq > " + after + " ORDER BY seq")) {
            while (rs.next()) {
                after = rs.getLong(1);
                seen.add(after);
            }
        }
        return after;
    }

    /** The counter row serializes the end of every write transaction: what it costs, for docs/cluster.md. */
    @Test
    void counterRowThroughput() throws Exception {
        for (int writers : new int[] {1, 8}) {
            int perWriter = 25;
            long start = System.nanoTime();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        put(writer, "doc/" + writers + "/" + id + "/" + i);
                    }
                }));
            }
            for (CompletableFuture<Void> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(String.format("cluster commits with %d writers: %.0f batches/s", writers, writers * perWriter / seconds));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), min(seq), max(seq) FROM gpr_cluster_batch")) {
            rs.next();
            assertEquals(List.of(225L, 1L, 225L), List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
        }
    }
}
