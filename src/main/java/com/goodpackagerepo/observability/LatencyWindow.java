package com.goodpackagerepo.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and the latencies of the most recent requests, for the admin dashboard's history. Recording is
 * two atomic increments and an array store (it runs on every request); the sampler reads what came in since its
 * last sample. The ring keeps the newest {@link #SLOTS} latencies of an interval: percentiles of a busier interval
 * are those of its last {@value #SLOTS} requests.
 */
@ApplicationScoped
public class LatencyWindow {
    static final int SLOTS = 4096;

    private final AtomicLongArray ring = new AtomicLongArray(SLOTS);
    private final AtomicLong written = new AtomicLong();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private long sampledUpTo;

    public void record(int status, long nanos) {
        ring.set((int) (written.getAndIncrement() & (SLOTS - 1)), nanos);
        if (status >= 500) {
            serverErrors.increment();
        } else if (status >= 400) {
            clientErrors.increment();
        }
    }

    public long requests() {
        return written.get();
    }

    public long clientErrors() {
        return clientErrors.sum();
    }

    public long serverErrors() {
        return serverErrors.sum();
    }

    /** Latencies (ms) at the 50th, 95th and 99th percentile since the last {@code drain}; null when none came. */
    public synchronized double[] percentiles(boolean drain) {
        long end = written.get();
        long start = Math.max(sampledUpTo, end - SLOTS);
        if (drain) {
            sampledUpTo = end;
        }
        if (end <= start) {
            return null;
        }
        long[] values = new long[(int) (end - start)];
        for (long i = start; i < end; i++) {
            values[(int) (i - start)] = ring.get((int) (i & (SLOTS - 1)));
        }
        Arrays.sort(values);
        return new double[] {millis(values, 0.50), millis(values, 0.95), millis(values, 0.99)};
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double millis(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, rank)] / 1000.0) / 1000.0;
    }
}
