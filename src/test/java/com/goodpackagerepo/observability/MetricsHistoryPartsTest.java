package com.goodpackagerepo.observability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricsHistoryPartsTest {

    @Test
    void theRingKeepsTheNewestItemsOldestFirst() {
        SampleRing<Integer> ring = new SampleRing<>(3);
        assertEquals(List.of(), ring.items());
        ring.add(1);
        ring.add(2);
        assertEquals(List.of(1, 2), ring.items());
        IntStream.rangeClosed(3, 7).forEach(ring::add);
        assertEquals(List.of(5, 6, 7), ring.items());
        assertThrows(IllegalArgumentException.class, () -> new SampleRing<>(0));
    }

    @Test
    void percentilesCoverTheRequestsSinceTheLastDrain() {
        LatencyWindow window = new LatencyWindow();
        assertNull(window.percentiles(true));
        for (int ms = 1; ms <= 100; ms++) {
            window.record(ms == 100 ? 503 : ms > 90 ? 404 : 200, ms * 1_000_000L);
        }
        assertArrayEquals(new double[] {50, 95, 99}, window.percentiles(false));
        assertArrayEquals(new double[] {50, 95, 99}, window.percentiles(true), "peeking does not consume");
        assertNull(window.percentiles(true), "nothing new since the drain");
        window.record(200, 7_500_000L);
        assertArrayEquals(new double[] {7.5, 7.5, 7.5}, window.percentiles(true));
        assertEquals(101, window.requests());
        assertEquals(9, window.clientErrors());
        assertEquals(1, window.serverErrors());
    }

    @Test
    void onlyTheNewestSlotsOfABusyIntervalCount() {
        LatencyWindow window = new LatencyWindow();
        for (int i = 0; i < LatencyWindow.SLOTS; i++) {
            window.record(200, 1_000_000_000L);
        }
        for (int i = 0; i < LatencyWindow.SLOTS; i++) {
            window.record(200, 2_000_000L);
        }
        assertArrayEquals(new double[] {2, 2, 2}, window.percentiles(true));
    }
}
