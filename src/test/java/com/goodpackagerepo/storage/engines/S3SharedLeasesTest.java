package com.goodpackagerepo.storage.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobLease;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.blob.SharedLeases;
import com.goodpackagerepo.storage.blob.SweepResult;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode on a shared bucket (against s3proxy): a put registers its digest in the leases every node sees, and a
 * sweep keeps what another node holds a lease on and deletes the rest inside the exclusion, object by object.
 */
@Tag("s3")
class S3SharedLeasesTest {
    @TempDir
    Path staging;

    /** The leases of PgBlobLeases, in memory: one lock stands for the row locks. */
    static final class MemoryLeases implements SharedLeases {
        final Map<String, String> live = new HashMap<>();
        int exclusions;

        @Override
        public synchronized String acquire(String hex) {
            String id = UUID.randomUUID().toString();
            live.put(id, hex);
            return id;
        }

        @Override
        public synchronized void release(String leaseId) {
            live.remove(leaseId);
        }

        @Override
        public synchronized <T> T exclusive(String hex, Function<Boolean, T> work) {
            exclusions++;
            return work.apply(live.containsValue(hex));
        }
    }

    @Test
    void aSweepKeepsWhatAnotherNodeHoldsAndDeletesTheRestInsideTheExclusion() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        S3BlobStore store = S3BlobStoreTest.store(server, staging, null);
        MemoryLeases leases = new MemoryLeases();
        store.useSharedLeases(leases);
        BlobLease own = store.putLeased(new ByteArrayInputStream(S3BlobStoreTest.random(100, 1)), Long.MAX_VALUE, 0, null);
        assertEquals(1, leases.live.size(), "a put registers where every node sees it");
        String held = store.put(new ByteArrayInputStream(S3BlobStoreTest.random(100, 2)), Long.MAX_VALUE, 0, null).digest();
        String garbage = store.put(new ByteArrayInputStream(S3BlobStoreTest.random(100, 3)), Long.MAX_VALUE, 0, null).digest();
        String otherNode = leases.acquire(BlobDigests.hex(held)); // another node's publish found it in place

        Map<String, SweepResult.Outcome> outcomes = new ConcurrentHashMap<>();
        store.sweep(Instant.now().plusSeconds(3600), d -> false, false, () -> false, (d, r) -> outcomes.put(d, r.outcome()));

        assertEquals(SweepResult.Outcome.LEASED, outcomes.get(own.blob().digest()));
        assertEquals(SweepResult.Outcome.LEASED, outcomes.get(held));
        assertEquals(SweepResult.Outcome.DELETED, outcomes.get(garbage));
        assertEquals(3, leases.exclusions, "every decision inside the exclusion");
        assertTrue(store.stat(held).isPresent());
        assertTrue(store.stat(garbage).isEmpty());

        own.close();
        leases.release(otherNode);
        assertEquals(0, leases.live.size(), "closing the lease releases the shared one");
        outcomes.clear();
        store.sweep(Instant.now().plusSeconds(3600), d -> false, false, () -> false, (d, r) -> outcomes.put(d, r.outcome()));
        assertEquals(SweepResult.Outcome.DELETED, outcomes.get(held));
        assertEquals(SweepResult.Outcome.DELETED, outcomes.get(own.blob().digest()));
        assertEquals(0, S3BlobStoreTest.objects(server, store).size());
    }
}
