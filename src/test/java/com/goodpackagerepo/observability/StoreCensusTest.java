package com.goodpackagerepo.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreCensusTest {

    /** A walk that takes {@code cost} nanoseconds of the fake clock and reports how often it ran. */
    private static StoreCensus census(AtomicLong clock, long cost, AtomicInteger walks) {
        return new StoreCensus(() -> {
            clock.addAndGet(cost);
            int n = walks.incrementAndGet();
            return new StoreCensus.Totals(n, n * 10L, n * 100L);
        }, clock::get);
    }

    @Test
    void aCountStaysCurrentForAHundredTimesItsOwnDuration() {
        AtomicLong clock = new AtomicLong(-5_000);  // nanoTime may be negative; only differences count
        AtomicInteger walks = new AtomicInteger();
        StoreCensus census = census(clock, 1_000, walks);
        assertEquals(new StoreCensus.Totals(1, 10, 100), census.totals());
        clock.addAndGet(StoreCensus.COST_FACTOR * 1_000 - 1);
        assertEquals(new StoreCensus.Totals(1, 10, 100), census.totals(), "still current: no second walk");
        assertEquals(1, walks.get());
        clock.addAndGet(1);
        assertEquals(new StoreCensus.Totals(2, 20, 200), census.totals(), "expired: walked again");
        assertEquals(2, walks.get());
    }

    @Test
    void aRecountWalksWhateverTheAgeAndRestartsTheValidity() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger walks = new AtomicInteger();
        StoreCensus census = census(clock, 1_000, walks);
        census.totals();
        assertEquals(new StoreCensus.Totals(2, 20, 200), census.recount());
        assertEquals(new StoreCensus.Totals(2, 20, 200), census.totals(), "the recount is the current count");
        assertEquals(2, walks.get());
    }

    @Test
    void aCheapWalkIsRedoneAtEverySample() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger walks = new AtomicInteger();
        StoreCensus census = census(clock, 1_000_000, walks);  // 1 ms: current for 100 ms
        for (int minute = 0; minute < 3; minute++) {
            census.totals();
            clock.addAndGet(60_000_000_000L);
        }
        assertEquals(3, walks.get());
    }
}
