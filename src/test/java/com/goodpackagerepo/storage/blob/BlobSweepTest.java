package com.goodpackagerepo.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's per-blob decision and the leases that keep it away from blobs a publish is committing. */
class BlobSweepTest {
    private static final Instant LATER = Instant.now().plusSeconds(3600);

    @TempDir
    Path root;

    private final FilesystemBlobStore store() {
        return new FilesystemBlobStore(root, "sha256/{digest:0:2}/{digest:2:2}/{digest}");
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unreferencedOldBlobsGoAndTheRestStay() throws Exception {
        FilesystemBlobStore store = store();
        BlobRef blob = store.put(bytes("old bytes"), 1000, 0, null);
        assertEquals(SweepResult.Outcome.REFERENCED, store.sweep(blob.digest(), LATER, d -> true, false).outcome());
        assertEquals(SweepResult.Outcome.YOUNG, store.sweep(blob.digest(), Instant.now().minusSeconds(60), d -> false, false).outcome());
        SweepResult dry = store.sweep(blob.digest(), LATER, d -> false, true);
        assertEquals(SweepResult.Outcome.WOULD_DELETE, dry.outcome());
        assertEquals(9, dry.size());
        assertTrue(Files.exists(blob.path()), "a dry run deletes nothing");
        assertEquals(SweepResult.Outcome.DELETED, store.sweep(blob.digest(), LATER, d -> false, false).outcome());
        assertFalse(Files.exists(blob.path()));
        assertEquals(SweepResult.Outcome.GONE, store.sweep(blob.digest(), LATER, d -> false, false).outcome());
    }

    @Test
    void aLeasedBlobIsNeverSweptAndReleasingTheLeaseFreesIt() throws Exception {
        FilesystemBlobStore store = store();
        BlobLease lease = store.putLeased(bytes("leased"), 1000, 0, null);
        assertEquals(1, store.activeLeases());
        assertEquals(SweepResult.Outcome.LEASED, store.sweep(lease.blob().digest(), LATER, d -> false, false).outcome());
        lease.close();
        lease.close();
        assertEquals(0, store.activeLeases());
        assertEquals(SweepResult.Outcome.DELETED, store.sweep(lease.blob().digest(), LATER, d -> false, false).outcome());
    }

    @Test
    void aPutThatFindsItsBlobSweptMovesItsOwnCopyIntoPlace() throws Exception {
        FilesystemBlobStore store = store();
        BlobRef first = store.put(bytes("shared"), 1000, 0, null);
        store.sweep(first.digest(), LATER, d -> false, false);
        try (BlobLease again = store.putLeased(bytes("shared"), 1000, 0, null)) {
            assertEquals("shared", Files.readString(again.blob().path()));
        }
    }

    /** The sweep, stalled inside its decision, holds the digest's lock: a put waits, then re-creates the file. */
    @Test
    void aPutRacingADeleteWaitsForItAndRecreatesTheFile() throws Exception {
        FilesystemBlobStore store = store();
        BlobRef blob = store.put(bytes("contended"), 1000, 0, null);
        CountDownLatch inDecision = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SweepResult> sweep = pool.submit(() -> store.sweep(blob.digest(), LATER, d -> {
                inDecision.countDown();
                await(proceed);
                return false;
            }, false));
            inDecision.await();
            Future<BlobLease> put = pool.submit(() -> store.putLeased(bytes("contended"), 1000, 0, null));
            Thread.sleep(200);
            assertFalse(put.isDone(), "the lease waits for the sweep's decision");
            proceed.countDown();
            assertEquals(SweepResult.Outcome.DELETED, sweep.get().outcome());
            try (BlobLease lease = put.get()) {
                assertEquals("contended", Files.readString(lease.blob().path()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeStagingSkipsUploadsInProgressAndFreshFiles() throws Exception {
        FilesystemBlobStore store = store();
        Path staging = root.resolve(".staging");
        Files.createDirectories(staging);
        Path stale = Files.writeString(staging.resolve("put-crashed.tmp"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));
        Path fresh = Files.writeString(staging.resolve("put-fresh.tmp"), "y");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            int n;

            @Override
            public int read() {
                if (n == 0) {
                    reading.countDown();
                    await(finish);
                }
                return n++ < 3 ? 'z' : -1;
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BlobRef> upload = pool.submit(() -> store.put(slow, 1000, 0, null));
            reading.await();
            assertEquals(1, store.purgeStaging(Instant.now().minusSeconds(3600)));
            assertFalse(Files.exists(stale));
            assertTrue(Files.exists(fresh));
            assertEquals(1, store.purgeStaging(Instant.now().plusSeconds(10)), "the running upload's file is kept");
            finish.countDown();
            assertEquals(3, upload.get().size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
