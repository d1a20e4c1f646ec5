package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.blob.BlobLease;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.blob.SweepResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Singleton jobs through advisory locks, and blob leases shared by nodes on one blob directory. */
class SingletonJobsAndLeasesTest {
    private static final String TEMPLATE = "sha256/{digest:0:2}/{digest}";

    @TempDir
    Path dir;

    private DataSource ds;

    @BeforeEach
    void database() {
        ds = ClusterDatabase.fresh();
    }

    @Test
    void oneNodeAtATimeRunsAJob() {
        Optional<SingletonLock> first = SingletonLock.tryAcquire(ds, "gc");
        assertTrue(first.isPresent());
        assertTrue(SingletonLock.tryAcquire(ds, "gc").isEmpty(), "a second node got the running job's lock");
        try (SingletonLock other = SingletonLock.tryAcquire(ds, "retention").orElseThrow()) {
            assertEquals("retention", other.job());
        }
        first.get().close();
        SingletonLock again = SingletonLock.tryAcquire(ds, "gc").orElseThrow();
        again.close();
    }

    @Test
    void aNodeThatDiesMidRunReleasesTheJob() throws Exception {
        Connection dying = ds.getConnection();
        try (PreparedStatement ps = dying.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, SingletonLock.key("gc"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertTrue(rs.getBoolean(1));
            }
        }
        assertTrue(SingletonLock.tryAcquire(ds, "gc").isEmpty());
        dying.close(); // the session ends, as when the process is killed
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<SingletonLock> taken = Optional.empty();
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            taken = SingletonLock.tryAcquire(ds, "gc");
        }
        assertTrue(taken.isPresent());
        taken.get().close();
    }

    @Test
    void aSweepOnOneNodeKeepsABlobAPublishOnAnotherNodeHolds() throws Exception {
        Path shared = dir.resolve("blobs");
        FilesystemBlobStore nodeOne = new FilesystemBlobStore(shared, TEMPLATE);
        FilesystemBlobStore nodeTwo = new FilesystemBlobStore(shared, TEMPLATE);
        nodeOne.useSharedLeases(new PgBlobLeases(ds, "one", Duration.ofHours(1)));
        nodeTwo.useSharedLeases(new PgBlobLeases(ds, "two", Duration.ofHours(1)));
        byte[] bytes = "shared bytes".getBytes(StandardCharsets.UTF_8);
        // the blob is already in place and old (a previous publish, since unreferenced)
        nodeTwo.putLeased(new ByteArrayInputStream(bytes), 1 << 20, 0, null).close();
        String digest;
        try (BlobLease lease = nodeOne.putLeased(new ByteArrayInputStream(bytes), 1 << 20, 0, null)) {
            digest = lease.blob().digest();
            Files.setLastModifiedTime(lease.blob().path(), FileTime.from(Instant.now().minusSeconds(3600)));
            SweepResult during = nodeTwo.sweep(digest, Instant.now(), d -> false, false);
            assertEquals(SweepResult.Outcome.LEASED, during.outcome());
            assertTrue(Files.exists(lease.blob().path()));
        }
        SweepResult after = nodeTwo.sweep(digest, Instant.now(), d -> false, false);
        assertEquals(SweepResult.Outcome.DELETED, after.outcome());
        assertFalse(nodeTwo.stat(digest).isPresent());
    }

    @Test
    void expiredLeasesOfDeadNodesArePurged() throws Exception {
        PgBlobLeases leases = new PgBlobLeases(ds, "dead", Duration.ofMillis(1));
        leases.acquire("ab".repeat(32));
        Thread.sleep(5);
        assertFalse(leases.<Boolean>exclusive("ab".repeat(32), leased -> leased).booleanValue());
        assertEquals(1, ClusterReplicator.purgeExpiredLeases(ds, System.currentTimeMillis()));
    }

    @Test
    void concurrentRegistrationsShareATransactionAndReleasesRemoveThemAll() throws Exception {
        PgBlobLeases leases = new PgBlobLeases(ds, "one", Duration.ofHours(1));
        String held = "cd".repeat(32);
        java.util.concurrent.CountDownLatch sweeping = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch sweepMayEnd = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            // a sweep holds the first digest's lock, so the first registration's group waits on it
            var sweep = pool.submit(() -> leases.exclusive(held, leased -> {
                sweeping.countDown();
                await(sweepMayEnd);
                return leased;
            }));
            sweeping.await();
            var ids = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            ids.add(pool.submit(() -> leases.acquire(held)));
            waitFor(() -> leases.registrationCounts()[0] == 1);
            for (int i = 0; i < 8; i++) {
                String hex = String.format("%064x", i);
                ids.add(pool.submit(() -> leases.acquire(hex))); // queue behind the waiting group
            }
            Thread.sleep(300);
            sweepMayEnd.countDown();
            assertFalse(sweep.get());
            for (var id : ids) {
                id.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(9, count("SELECT count(*) FROM gpr_cluster_blob_lease WHERE node_id = 'one'"));
            assertEquals(2, leases.registrationCounts()[0], "the eight queued registrations committed as one group");
            assertTrue(leases.<Boolean>exclusive(held, leased -> leased));
            var releases = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (var id : ids) {
                String leaseId = id.get();
                releases.add(pool.submit(() -> leases.release(leaseId)));
            }
            for (var release : releases) {
                release.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(0, count("SELECT count(*) FROM gpr_cluster_blob_lease"));
        } finally {
            sweepMayEnd.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
