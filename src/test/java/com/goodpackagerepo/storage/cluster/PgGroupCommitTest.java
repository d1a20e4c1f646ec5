package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of cluster batches against the real PostgreSQL. The counter row is held from outside so that a
 * known set of batches queues up behind the first one and is committed as groups: what a group shares (one
 * transaction, one number range, one LMDB apply before anyone returns), what one conflicting batch takes with it
 * (only itself) and that a tailing reader still never skips an entry when a group commits after a lower number.
 */
class PgGroupCommitTest {
    private static final byte[] V0 = bytes("v0");

    @TempDir
    Path dir;

    private DataSource ds;
    private LmdbMetadataStore local;
    private ClusterMetadataStore writer;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        ds = ClusterDatabase.fresh();
        local = new LmdbMetadataStore(dir.resolve("w"), 1 << 24, 1L << 30);
        local.setReplicaPosition(0); // an empty log: nothing to rebuild, own entries apply at once
        writer = new ClusterMetadataStore(local, ds, "w", BlobReferences.none(), Duration.ofMillis(20));
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        writer.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A batch of one document (with its event); after the commit the writer's own LMDB must already hold it. */
    private List<StoredEvent> put(String key, byte[] value, WriteBatch.Precondition precondition) {
        WriteBatch batch = writer.newBatch();
        batch.putDocument(key, value, precondition);
        batch.appendEvent("put", JsonNodeFactory.instance.objectNode().put("key", key));
        List<StoredEvent> events = batch.commit();
        assertArrayEquals(value, local.get(key).orElseThrow(), "read-your-writes: " + key + " not in LMDB at reply");
        return events;
    }

    private CompletableFuture<List<StoredEvent>> async(Supplier<List<StoredEvent>> work) {
        return CompletableFuture.supplyAsync(work, threads);
    }

    /** Holds the counter row: every commit queues behind it until {@code holder} ends its transaction. */
    private Connection holdCounter() throws Exception {
        Connection holder = ds.getConnection();
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.executeUpdate("UPDATE gpr_cluster_counter SET batch_seq = batch_seq WHERE id = 1");
        }
        return holder;
    }

    private void awaitWaiting(int batches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.groupCommitCounts()[2] < batches) {
            assertTrue(System.nanoTime() < deadline, "batches did not queue: " + Arrays.toString(writer.groupCommitCounts()));
            Thread.sleep(10);
        }
    }

    private List<Long> column(String sql) throws Exception {
        List<Long> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    @Test
    void concurrentBatchesShareGroupsOfAtMost32AndOnlyTheConflictingOnesFail() throws Exception {
        put("tag/latest", V0, WriteBatch.Precondition.NONE); // seq 1, alone
        List<CompletableFuture<List<StoredEvent>>> plain = new ArrayList<>();
        Map<String, CompletableFuture<List<StoredEvent>>> contested = new ConcurrentHashMap<>();
        CompletableFuture<List<StoredEvent>> leader;
        try (Connection holder = holdCounter()) {
            leader = async(() -> put("doc/leader", bytes("leader"), WriteBatch.Precondition.NONE));
            awaitLeaderBlocked();
            for (int i = 0; i < 36; i++) {
                String key = "doc/" + i;
                plain.add(async(() -> put(key, bytes(key), WriteBatch.Precondition.IF_ABSENT)));
                if (i == 3) { // kv.cas_put if_absent on one key, different bytes: one winner
                    contested.put("dup-a", async(() -> put("doc/dup", bytes("a"), WriteBatch.Precondition.IF_ABSENT)));
                    contested.put("dup-b", async(() -> put("doc/dup", bytes("b"), WriteBatch.Precondition.IF_ABSENT)));
                }
                if (i == 5) { // a tag move conditioned on the old target: one winner
                    WriteBatch.Precondition fromV0 = existing -> Arrays.equals(existing, V0);
                    contested.put("tag-1", async(() -> put("tag/latest", bytes("v1"), fromV0)));
                    contested.put("tag-2", async(() -> put("tag/latest", bytes("v2"), fromV0)));
                }
            }
            awaitWaiting(40);
            assertFalse(leader.isDone());
            holder.commit();
        }
        leader.get(30, TimeUnit.SECONDS);
        for (CompletableFuture<List<StoredEvent>> f : plain) {
            assertEquals(1, f.get(30, TimeUnit.SECONDS).size(), "an unrelated batch of a group failed");
        }
        int[] winners = new int[2];
        contested.forEach((name, f) -> {
            try {
                f.join();
                winners[name.startsWith("dup") ? 0 : 1]++;
            } catch (CompletionException e) {
                assertInstanceOf(ConflictException.class, e.getCause(), name);
            }
        });
        assertArrayEquals(new int[] {1, 1}, winners, "exactly one winner per contested key");

        // 1 (alone) + leader (alone, held) + 40 queued in groups of at most 32: 2 more groups
        long[] counts = writer.groupCommitCounts();
        assertEquals(4, counts[0], Arrays.toString(counts));
        assertEquals(42, counts[1], Arrays.toString(counts));

        // 38 winners + 2 = 40 entries, numbered without gaps; events likewise, one per entry, in entry order
        List<Long> seqs = column("SELECT seq FROM gpr_cluster_batch ORDER BY seq");
        assertEquals(range(1, 40), seqs);
        assertEquals(range(1, 40), column("SELECT seq FROM gpr_cluster_event ORDER BY seq"));
        assertEquals(range(1, 40), column("SELECT batch_seq FROM gpr_cluster_event ORDER BY seq"));
        assertEquals(40, local.replicaPosition(), "the writer's replica holds every entry of its groups");

        // the stored bytes are the winners', in PostgreSQL and in the writer's replica alike
        String dupWinner = contested.get("dup-a").isCompletedExceptionally() ? "b" : "a";
        String tagWinner = contested.get("tag-1").isCompletedExceptionally() ? "v2" : "v1";
        assertArrayEquals(bytes(dupWinner), local.get("doc/dup").orElseThrow());
        assertArrayEquals(bytes(tagWinner), local.get("tag/latest").orElseThrow());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT doc_key, doc_value FROM gpr_cluster_document WHERE doc_key IN ('doc/dup', 'tag/latest')"
                        + " ORDER BY doc_key")) {
            assertTrue(rs.next());
            assertArrayEquals(bytes(dupWinner), rs.getBytes(2));
            assertTrue(rs.next());
            assertArrayEquals(bytes(tagWinner), rs.getBytes(2));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM gpr_cluster_document")) {
            rs.next();
            assertEquals(39, rs.getLong(1)); // tag, leader, 36 plain, dup
        }
    }

    /** A writer waits for the counter row of this schema (a waiter holds the row's tuple lock meanwhile). */
    private void awaitLeaderBlocked() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (column("SELECT count(*) FROM pg_locks WHERE locktype = 'tuple'"
                + " AND relation = 'gpr_cluster_counter'::regclass").get(0) == 0) {
            assertTrue(System.nanoTime() < deadline, "the leader never reached the counter row");
            Thread.sleep(10);
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            values.add(v);
        }
        return values;
    }

    /**
     * A transaction that took a lower number commits after a group has run its statements: the group waits for
     * it and is numbered after it, so a tailing reader (which keeps only "the last number I applied") sees
     * nothing above the open number and, afterwards, every entry of the group — none skipped.
     */
    @Test
    void aGroupThatRanBeforeALowerNumberCommittedIsNotSkippedByATailingReader() throws Exception {
        LmdbMetadataStore replica = new LmdbMetadataStore(dir.resolve("r"), 1 << 24, 1L << 30);
        try {
            replica.setReplicaPosition(0);
            ClusterReplicator tail = new ClusterReplicator(replica, ds, "r", Duration.ofMillis(20), 100);
            List<CompletableFuture<List<StoredEvent>>> group = new ArrayList<>();
            try (Connection slow = ds.getConnection()) {
                slow.setAutoCommit(false);
                PgStatements sql = new PgStatements(slow);
                sql.insertDocumentIfAbsent("doc/slow", bytes("slow"));
                long[] numbers = sql.takeNumbers(0); // number 1, open
                CompletableFuture<List<StoredEvent>> leader =
                        async(() -> put("doc/leader", bytes("leader"), WriteBatch.Precondition.NONE));
                awaitLeaderBlocked();
                for (int i = 0; i < 10; i++) {
                    String key = "doc/g" + i;
                    group.add(async(() -> put(key, bytes(key), WriteBatch.Precondition.NONE)));
                }
                awaitWaiting(10);
                assertEquals(0, tail.tailOnce(), "the reader saw something above an open number");
                sql.insertBatch(numbers[0], "slow", WriteSetCodec.encode(List.of(
                        new com.goodpackagerepo.storage.ReplicatedBatch.PutDocument("doc/slow", bytes("slow")))),
                        List.of());
                slow.commit();
                leader.get(30, TimeUnit.SECONDS);
            }
            for (CompletableFuture<List<StoredEvent>> f : group) {
                f.get(30, TimeUnit.SECONDS);
            }
            long applied = 0;
            for (int n; (n = tail.tailOnce()) > 0; ) {
                applied += n;
            }
            assertEquals(12, applied);
            assertEquals(12, replica.replicaPosition());
            assertEquals(range(1, 12), column("SELECT seq FROM gpr_cluster_batch ORDER BY seq"));
            assertTrue(replica.get("doc/slow").isPresent());
            assertTrue(replica.get("doc/leader").isPresent());
            for (int i = 0; i < 10; i++) {
                assertTrue(replica.get("doc/g" + i).isPresent(), "the reader skipped doc/g" + i);
            }
            long[] counts = writer.groupCommitCounts();
            assertArrayEquals(new long[] {2, 11, 0}, counts, "the leader alone, then the ten as one group");
        } finally {
            replica.close();
        }
    }
}
