package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodpackagerepo.storage.BlobReferences;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two cluster nodes (two LMDB directories) on one PostgreSQL schema. */
class ClusterMetadataStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndexDefinition VERSIONS = new IndexDefinition("versions", List.of("namespace", "name"),
            "version", true, true, List.of("version", "variant"));
    private static final BlobReferences REFS = new BlobReferences(List.of(new BlobReferences.Source("artifact/", "digest")));
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private DataSource ds;
    private final List<ClusterMetadataStore> open = new ArrayList<>();

    @BeforeEach
    void database() {
        ds = ClusterDatabase.fresh();
    }

    @AfterEach
    void closeNodes() {
        open.forEach(ClusterMetadataStore::close);
    }

    private ClusterMetadataStore node(String name, boolean tail) {
        return node(name, tail, Duration.ofMillis(20));
    }

    private ClusterMetadataStore node(String name, boolean tail, Duration poll) {
        LmdbMetadataStore lmdb = new LmdbMetadataStore(dir.resolve(name), 1 << 24, 1L << 30, REFS);
        ClusterMetadataStore store = new ClusterMetadataStore(lmdb, ds, name, REFS, poll);
        if (tail) {
            store.start();
        }
        open.add(store);
        return store;
    }

    private static byte[] doc(String version, String variant, String writer) {
        return ("{\"namespace\":\"acme\",\"name\":\"app\",\"version\":\"" + version + "\",\"variant\":\"" + variant
                + "\",\"digest\":\"" + DIGEST + "\",\"writer\":\"" + writer + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] bytes) throws Exception {
        return JSON.readTree(bytes);
    }

    private static void publish(ClusterMetadataStore node, String version, String writer) throws Exception {
        WriteBatch batch = node.newBatch();
        byte[] value = doc(version, "linux", writer);
        batch.putDocument("artifact/acme/app/" + version + "/linux", value, WriteBatch.Precondition.IF_ABSENT);
        batch.upsertIndex(VERSIONS, json(value));
        batch.appendEvent("artifact.published", json(value));
        batch.commit();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theWriterReadsItsWriteAtOnceAndTheOtherNodeFollows() throws Exception {
        ClusterMetadataStore one = node("one", true);
        ClusterMetadataStore two = node("two", true);
        await("rebuilt", () -> one.lag().rebuilt() && two.lag().rebuilt());
        publish(one, "1.0.0", "one");
        // the writer's own LMDB holds it before commit() returned
        assertTrue(one.keys("artifact/", null, 10).keys().contains("artifact/acme/app/1.0.0/linux"));
        await("node two applied", () -> two.keys("artifact/", null, 10).keys().size() == 1);
        assertEquals("1.0.0", two.query(VERSIONS, new IndexQuery(List.of("acme", "app"), 10, null, true))
                .rows().get(0).path("version").asText());
        List<StoredEvent> events = two.readAfter(0, 10);
        assertEquals(1, events.size());
        assertEquals(one.readAfter(0, 10).get(0).eventId(), events.get(0).eventId());
        assertTrue(two.blobReferenced(DIGEST));
    }

    @Test
    void theWriterCatchesUpOnOtherNodesEntriesBelowItsOwnButNeverReadsItsOwnBack() throws Exception {
        ClusterMetadataStore one = node("one", true, Duration.ofSeconds(60)); // rebuilds, then its poll sleeps
        ClusterMetadataStore two = node("two", false);
        await("rebuilt", () -> one.lag().rebuilt());
        publish(two, "1.0.0", "two"); // entry 1: not on node one yet
        publish(one, "2.0.0", "one"); // entry 2: node one must apply entry 1 first
        assertEquals(List.of("artifact/acme/app/1.0.0/linux", "artifact/acme/app/2.0.0/linux"),
                one.keys("artifact/", null, 10).keys());
        assertEquals(2, one.lag().appliedSeq());
        // only node two's entry went through the tail's apply; node one's own came from its write-set at hand
        assertEquals(new PipelineApply.ReplicaApplyCounts(0, 1, 0), one.replicator().pipelineApply().counts());
    }

    @Test
    void aPeekInsideABatchAnswersFromTheReplicaAndTheCommitStillDecidesInPostgres() throws Exception {
        ClusterMetadataStore one = node("one", true);
        ClusterMetadataStore behind = node("behind", false); // never tails
        await("rebuilt", () -> one.lag().rebuilt());
        publish(one, "1.0.0", "one");
        String key = "artifact/acme/app/1.0.0/linux";
        WriteBatch batch = behind.newBatch();
        assertTrue(batch.peekDocument(key).isEmpty(), "a peek is not confirmed in PostgreSQL");
        assertTrue(batch.getDocument(key).isPresent(), "a read is");
        batch.putDocument(key, doc("1.0.0", "linux", "behind"), WriteBatch.Precondition.IF_ABSENT);
        assertThrows(ConflictException.class, batch::commit);
        assertEquals("one", json(one.get(key).orElseThrow()).path("writer").asText());
    }

    @Test
    void aMissOnANodeThatIsBehindIsConfirmedInPostgres() throws Exception {
        ClusterMetadataStore one = node("one", true);
        ClusterMetadataStore behind = node("behind", false); // never tails
        await("rebuilt", () -> one.lag().rebuilt());
        publish(one, "1.0.0", "one");
        assertTrue(behind.keys("artifact/", null, 10).keys().isEmpty());
        assertEquals("one", json(behind.get("artifact/acme/app/1.0.0/linux").orElseThrow()).path("writer").asText());
        assertTrue(behind.get("artifact/acme/app/9.9.9/linux").isEmpty());
    }

    @Test
    void oneWinnerPerKeyAcrossNodesAndEveryNodeKeepsTheWinnersBytes() throws Exception {
        ClusterMetadataStore one = node("one", true);
        ClusterMetadataStore two = node("two", true);
        await("rebuilt", () -> one.lag().rebuilt() && two.lag().rebuilt());
        int keys = 8;
        int writers = 6;
        Map<String, String> winners = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            ClusterMetadataStore node = w % 2 == 0 ? one : two;
            String writer = "w" + w;
            futures.add(pool.submit(() -> {
                start.await();
                for (int k = 0; k < keys; k++) {
                    String version = "1.0." + k;
                    try {
                        publish(node, version, writer);
                        assertEquals(null, winners.putIfAbsent(version, writer), "two winners for " + version);
                    } catch (ConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(keys, winners.size());
        assertEquals(keys * (writers - 1), conflicts.get());
        for (ClusterMetadataStore node : List.of(one, two)) {
            await("caught up", () -> node.lag().appliedSeq() == keys);
            for (int k = 0; k < keys; k++) {
                String version = "1.0." + k;
                byte[] stored = node.keys("artifact/acme/app/" + version, null, 1).keys().isEmpty() ? null
                        : node.get("artifact/acme/app/" + version + "/linux").orElseThrow();
                assertEquals(winners.get(version), json(stored).path("writer").asText());
            }
            assertEquals(keys, node.query(VERSIONS, new IndexQuery(List.of("acme", "app"), 100, null, true)).rows().size());
            assertEquals(keys, node.length());
        }
    }

    @Test
    void aCasPreconditionIsDecidedByTheDatabase() throws Exception {
        ClusterMetadataStore one = node("one", true);
        ClusterMetadataStore two = node("two", false);
        await("rebuilt", () -> one.lag().rebuilt());
        byte[] v1 = "{\"target\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        WriteBatch first = one.newBatch();
        first.putDocument("tag/acme/app/stable", v1, WriteBatch.Precondition.NONE);
        first.commit();
        // node two has not seen v1; its CAS against "absent" must lose at the database
        WriteBatch stale = two.newBatch();
        stale.putDocument("tag/acme/app/stable", "{\"target\":\"2\"}".getBytes(StandardCharsets.UTF_8),
                existing -> existing == null);
        assertThrows(ConflictException.class, stale::commit);
        WriteBatch check = two.newBatch();
        check.check("tag/acme/app/stable", existing -> existing != null && new String(existing).contains("\"1\""));
        check.putDocument("tag/acme/app/stable", "{\"target\":\"3\"}".getBytes(StandardCharsets.UTF_8),
                existing -> existing != null);
        check.commit();
        // node one reads its replica: the overwrite arrives within the lag
        await("node one follows the overwrite", () -> new String(one.get("tag/acme/app/stable").orElseThrow(),
                StandardCharsets.UTF_8).contains("\"3\""));
    }

    @Test
    void aWipedNodeRebuildsFromTheSnapshotAndThenTails() throws Exception {
        ClusterMetadataStore one = node("one", true);
        await("rebuilt", () -> one.lag().rebuilt());
        for (int i = 0; i < 5; i++) {
            publish(one, "2.0." + i, "one");
        }
        WriteBatch delete = one.newBatch();
        delete.deleteDocument("artifact/acme/app/2.0.0/linux");
        delete.deleteIndex(VERSIONS, json(doc("2.0.0", "linux", "one")));
        delete.appendEvent("artifact.deleted", JSON.createObjectNode().put("version", "2.0.0"));
        delete.commit();
        ClusterMetadataStore fresh = node("fresh", true);
        await("fresh rebuilt", () -> fresh.lag().rebuilt() && fresh.lag().appliedSeq() == 6);
        assertEquals(one.keys("artifact/", null, 100), fresh.keys("artifact/", null, 100));
        assertEquals(one.query(VERSIONS, new IndexQuery(List.of("acme", "app"), 100, null, true)).rows(),
                fresh.query(VERSIONS, new IndexQuery(List.of("acme", "app"), 100, null, true)).rows());
        assertEquals(one.readAfter(0, 100), fresh.readAfter(0, 100));
        publish(one, "3.0.0", "one");
        await("fresh tails after the snapshot", () -> fresh.keys("artifact/acme/app/3", null, 10).keys().size() == 1);
    }

    @Test
    void applyingTheSameEntriesAgainChangesNothingAndThePositionSurvivesARestart() throws Exception {
        ClusterMetadataStore one = node("one", true);
        await("rebuilt", () -> one.lag().rebuilt());
        publish(one, "1.0.0", "one");
        publish(one, "1.0.1", "one");
        List<ReplicatedBatch> log;
        try (var c = ds.getConnection()) {
            log = ClusterReplicator.fetch(c, 0, 100);
        }
        assertEquals(2, log.size());
        Path replicaDir = dir.resolve("replica");
        try (LmdbMetadataStore replica = new LmdbMetadataStore(replicaDir, 1 << 24, 1L << 30, REFS)) {
            replica.setReplicaPosition(0);
            replica.applyReplicated(log, true);
            var before = replica.readAfter(0, 100);
            replica.applyReplicated(log, true); // at-least-once delivery: the same entries again
            replica.applyReplicated(log.subList(1, 2), true);
            assertEquals(before, replica.readAfter(0, 100));
            assertEquals(2, replica.length());
            assertEquals(2, replica.replicaPosition());
        }
        try (LmdbMetadataStore reopened = new LmdbMetadataStore(replicaDir, 1 << 24, 1L << 30, REFS)) {
            assertEquals(2, reopened.replicaPosition());
            assertEquals(2, reopened.query(VERSIONS, new IndexQuery(List.of("acme", "app"), 10, null, true)).rows().size());
        }
    }

    @Test
    void blobReferencesComeFromPostgresSoEveryNodeSeesEveryNodesReferences() throws Exception {
        ClusterMetadataStore one = node("one", true);
        ClusterMetadataStore two = node("two", false);
        await("rebuilt", () -> one.lag().rebuilt());
        assertFalse(two.blobReferenced(DIGEST));
        publish(one, "1.0.0", "one");
        assertTrue(two.blobReferenced(DIGEST)); // though node two has applied nothing
        WriteBatch delete = two.newBatch();
        delete.deleteDocument("artifact/acme/app/1.0.0/linux");
        delete.commit();
        assertFalse(one.blobReferenced(DIGEST));
    }

    @Test
    void aFailedBatchLeavesNothingAndTakesNoNumber() throws Exception {
        ClusterMetadataStore one = node("one", true);
        await("rebuilt", () -> one.lag().rebuilt());
        publish(one, "1.0.0", "one");
        WriteBatch batch = one.newBatch();
        batch.putDocument("artifact/acme/app/1.0.1/linux", doc("1.0.1", "linux", "one"), WriteBatch.Precondition.IF_ABSENT);
        batch.putDocument("artifact/acme/app/1.0.0/linux", doc("1.0.0", "linux", "two"), WriteBatch.Precondition.IF_ABSENT);
        batch.appendEvent("artifact.published", JSON.createObjectNode());
        assertThrows(ConflictException.class, batch::commit);
        assertTrue(one.get("artifact/acme/app/1.0.1/linux").isEmpty());
        publish(one, "1.0.2", "one");
        try (var c = ds.getConnection()) {
            assertEquals(List.of(1L, 2L), ClusterReplicator.fetch(c, 0, 10).stream().map(ReplicatedBatch::seq).toList());
        }
        assertEquals(2, one.length());
    }

    @Test
    void aLogPageReadsEntriesTheirEventsTheHeadAndTheNextCommitTimeInOneStatement() throws Exception {
        ClusterMetadataStore one = node("one", true);
        await("rebuilt", () -> one.lag().rebuilt());
        publish(one, "1.0.0", "one");
        WriteBatch twoEvents = one.newBatch();
        twoEvents.putDocument("note/a", "{}".getBytes(StandardCharsets.UTF_8), WriteBatch.Precondition.NONE);
        twoEvents.appendEvent("first", JSON.createObjectNode().put("n", 1));
        twoEvents.appendEvent("second", JSON.createObjectNode().put("n", 2));
        twoEvents.commit();
        WriteBatch noEvent = one.newBatch();
        noEvent.putDocument("note/b", "{}".getBytes(StandardCharsets.UTF_8), WriteBatch.Precondition.NONE);
        noEvent.commit();
        publish(one, "1.0.1", "one");
        long thirdCommittedAt;
        try (var c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT committed_at FROM gpr_cluster_batch WHERE seq = 3")) {
            rs.next();
            thirdCommittedAt = rs.getLong(1);
        }
        try (var c = ds.getConnection()) {
            ClusterReplicator.LogPage first = ClusterReplicator.page(c, 0, 2);
            assertEquals(List.of(1L, 2L), first.batches().stream().map(ReplicatedBatch::seq).toList());
            assertEquals(List.of("artifact.published"), first.batches().get(0).events().stream().map(StoredEvent::type).toList());
            assertEquals(List.of("first", "second"), first.batches().get(1).events().stream().map(StoredEvent::type).toList());
            assertEquals(List.of(2L, 3L), first.batches().get(1).events().stream().map(StoredEvent::seq).toList());
            assertEquals(4, first.head());
            assertTrue(first.more());
            assertEquals(thirdCommittedAt, first.nextCommittedAt()); // the replica is behind since then
            ClusterReplicator.LogPage rest = ClusterReplicator.page(c, 2, 10);
            assertEquals(List.of(3L, 4L), rest.batches().stream().map(ReplicatedBatch::seq).toList());
            assertEquals(List.of(), rest.batches().get(0).events());
            assertEquals(List.of(4L), rest.batches().get(1).events().stream().map(StoredEvent::seq).toList());
            assertFalse(rest.more());
            assertEquals(0, rest.nextCommittedAt());
            ClusterReplicator.LogPage none = ClusterReplicator.page(c, 4, 10);
            assertEquals(List.of(), none.batches());
            assertEquals(4, none.head());
            assertFalse(none.more());
        }
        assertEquals(4, one.length());
    }

    @Test
    void aLogPageReadsTheEventsOfItsEntriesByIndexNotByScanningTheEventTable() throws Exception {
        node("one", false); // migrates the schema
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO gpr_cluster_batch (seq, node_id, committed_at, writes)"
                    + " SELECT n, 'one', n, '\\x00'::bytea FROM generate_series(1, 30000) n");
            s.execute("INSERT INTO gpr_cluster_event (seq, event_id, batch_seq, event_type, payload, at)"
                    + " SELECT n, 'e' || n, n, 'artifact.published', convert_to(repeat('x', 600), 'UTF8'),"
                    + " '2026-12-04T00:00:00Z' FROM generate_series(1, 30000) n");
            s.execute("UPDATE gpr_cluster_counter SET batch_seq = 30000 WHERE id = 1");
            // no ANALYZE: a log grows faster than autovacuum refreshes its statistics, and with stale ones a join
            // on the entry's number alone made PostgreSQL scan the whole event table on every read
            // a tail 10 entries behind, reading a page of up to 500 (the replicator's page size)
            StringBuilder plan = new StringBuilder();
            try (var ps = c.prepareStatement("EXPLAIN " + ClusterReplicator.PAGE_SQL)) {
                long after = 29_990;
                int limit = 500;
                ps.setLong(1, after + limit);
                ps.setLong(2, after);
                ps.setInt(3, limit + 1);
                ps.setLong(4, after);
                ps.setLong(5, after + limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            assertFalse(plan.toString().contains("Seq Scan on gpr_cluster_event"), plan.toString());
            assertTrue(plan.toString().contains("gpr_cluster_event_batch"), plan.toString());
        }
    }
}
