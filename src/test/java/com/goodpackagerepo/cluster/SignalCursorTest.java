package com.goodpackagerepo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalCursorTest {

    @Test
    void deliversNewIdsInOrderAndNeverTwice() {
        SignalCursor cursor = new SignalCursor(10, 1_000);
        assertEquals(List.of(11L, 12L), cursor.accept(List.of(11L, 12L), 0));
        assertEquals(List.of(), cursor.accept(List.of(11L, 12L), 1));
        assertEquals(12, cursor.position());
    }

    @Test
    void anIdThatCommitsAfterAHigherOneIsStillDelivered() {
        SignalCursor cursor = new SignalCursor(0, 1_000);
        // id 2 was taken first but commits after 3 has been read
        assertEquals(List.of(1L, 3L), cursor.accept(List.of(1L, 3L), 0));
        assertEquals(Set.of(2L), cursor.gaps());
        assertEquals(List.of(2L), cursor.accept(List.of(2L), 10));
        assertEquals(Set.of(), cursor.gaps());
        assertEquals(List.of(), cursor.accept(List.of(2L), 20));
    }

    @Test
    void aGapThatNeverFillsIsForgottenAfterItsTime() {
        SignalCursor cursor = new SignalCursor(0, 1_000);
        cursor.accept(List.of(3L), 0);
        assertEquals(Set.of(1L, 2L), cursor.gaps());
        cursor.accept(List.of(), 999);
        assertEquals(Set.of(1L, 2L), cursor.gaps());
        cursor.accept(List.of(), 1_001);
        assertEquals(Set.of(), cursor.gaps());
        assertEquals(List.of(), cursor.accept(List.of(1L), 1_002), "a rolled-back id showing up late is not news");
    }
}
