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
}
