package com.goodpackagerepo.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BlobWriteGuardTest {

    @Test
    void aHeldDigestIsNotEvicted() throws Exception {
        BlobWriteGuard guard = new BlobWriteGuard();
        guard.hold("d1");
        AtomicBoolean ran = new AtomicBoolean();
        assertFalse(guard.evictUnlessHeld("d1", () -> ran.set(true)));
        assertFalse(ran.get());
        guard.release("d1");
        assertTrue(guard.evictUnlessHeld("d1", () -> ran.set(true)));
        assertTrue(ran.get());
    }

    @Test
    void aHoldWaitsForAnEvictionInProgress() throws Exception {
        BlobWriteGuard guard = new BlobWriteGuard();
        CountDownLatch evicting = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean evicted = new AtomicBoolean();
        Thread eviction = new Thread(() -> guard.evictUnlessHeld("d1", () -> {
            evicting.countDown();
            await(finish);
            evicted.set(true);
        }));
        eviction.start();
        assertTrue(evicting.await(5, TimeUnit.SECONDS));
        Thread holder = new Thread(() -> {
            try {
                guard.hold("d1");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        holder.join(200);
        assertTrue(holder.isAlive(), "the hold waits while d1 is being evicted");
        finish.countDown();
        holder.join(5000);
        assertFalse(holder.isAlive());
        assertTrue(evicted.get());
        assertEquals(false, guard.evictUnlessHeld("d1", () -> { }), "now held");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
