package com.goodpackagerepo.observability;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The store totals of the dashboard history (blobs, their bytes, artifacts), counted by a walk whose cost grows
 * with the store, so it is not redone on every sample: a count stays current for {@link #COST_FACTOR} times as
 * long as it took. The walks then take at most about 1 % of one core however large the store (a store of a few
 * thousand blobs is still recounted at every one-minute sample; one of millions every quarter hour or so).
 * Publishes between two walks show in the history as soon as the next walk runs.
 */
final class StoreCensus {
    /** How many times its own duration a count stays current. */
    static final long COST_FACTOR = 100;

    /** What one walk found. */
    record Totals(long blobs, long bytes, long artifacts) {
    }

    private final Supplier<Totals> walk;
    private final LongSupplier nanoClock;
    private Totals last;
    private long currentUntil;

    StoreCensus(Supplier<Totals> walk, LongSupplier nanoClock) {
        this.walk = walk;
        this.nanoClock = nanoClock;
    }

    /** The totals: the last count while it is current, a new walk otherwise. */
    synchronized Totals totals() {
        if (last != null && nanoClock.getAsLong() - currentUntil < 0) {
            return last;
        }
        return recount();
    }

    /** A new walk whatever the last one's age (an administrator looking at the dashboard asks for the present). */
    synchronized Totals recount() {
        long started = nanoClock.getAsLong();
        last = walk.get();
        long ended = nanoClock.getAsLong();
        currentUntil = ended + (ended - started) * COST_FACTOR;
        return last;
    }
}
