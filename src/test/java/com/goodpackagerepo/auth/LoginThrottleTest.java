package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** Time that moves only when the test says so. */
    private static final class ManualTime implements TimeMeter {
        long nanos = 1;

        void advanceSeconds(long seconds) {
            nanos += TimeUnit.SECONDS.toNanos(seconds);
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();
    // 20 attempts per address per minute; 5 failures per user, refilled over 60 s at level 0, at most 900 s per attempt
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(20, 60, 5, 60, 900), time);

    private void fail(String user, String address) {
        throttle.failed(throttle.begin(user, address));
    }

    private long retryAfter(Runnable attempt) {
        DomainException e = assertThrows(DomainException.class, attempt::run);
        assertEquals(429, ErrorStatus.of(e.code()));
        assertEquals("LIMIT_EXCEEDED", e.code().name());
        return ((com.goodpackagerepo.error.RetryLaterException) e).retryAfter().toSeconds();
    }

    @Test
    void fiveFailuresThenTheUserNameWaits() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0.1");
        }
        long wait = retryAfter(() -> throttle.begin("alice", "10.0.0.2"));
        assertEquals(12, wait, "5 attempts come back over 60 s: the next one after 12 s");
        assertDoesNotThrow(() -> throttle.begin("bob", "10.0.0.1"), "other users are not affected");
    }

    @Test
    void userNamesAreComparedWithoutCase() {
        for (int i = 0; i < 5; i++) {
            fail(i % 2 == 0 ? "Alice" : " alice ", "10.0.0." + i);
        }
        retryAfter(() -> throttle.begin("ALICE", "10.0.0.9"));
    }

    @Test
    void backOffGrowsWithRepeatedLockOuts() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0.1");
        }
        long first = retryAfter(() -> throttle.begin("alice", "10.0.0.1"));
        long previous = first;
        for (int round = 0; round < 4; round++) {
            time.advanceSeconds(previous);
            fail("alice", "10.0.0." + (round + 2));
            long next = retryAfter(() -> throttle.begin("alice", "10.0.0.1"));
            assertTrue(next > previous, "round " + round + ": " + next + " should exceed " + previous);
            previous = next;
        }
        assertEquals(4, throttle.level("alice"));
    }

    @Test
    void backOffIsCappedAtTheMaximum() {
        for (int round = 0; round < 30; round++) {
            time.advanceSeconds(3600);
            for (int i = 0; i < 5; i++) {
                try {
                    fail("alice", "10.0.0." + i);
                } catch (DomainException throttled) {
                    break;
                }
            }
        }
        long wait = retryAfter(() -> throttle.begin("alice", "10.0.0.1"));
        assertTrue(wait <= 900, "never more than the maximum back-off, was " + wait);
    }

    @Test
    void successGivesTheAttemptBackAndResetsTheBackOff() {
        for (int i = 0; i < 4; i++) {
            fail("alice", "10.0.0.1");
        }
        throttle.succeeded(throttle.begin("alice", "10.0.0.1"));
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0.1");
        }
        retryAfter(() -> throttle.begin("alice", "10.0.0.1"));
        time.advanceSeconds(13);
        throttle.succeeded(throttle.begin("alice", "10.0.0.1"));
        assertEquals(0, throttle.level("alice"));
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0.1");
        }
    }

    @Test
    void oneAddressIsLimitedAcrossUserNames() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "10.9.9.9");
        }
        long wait = retryAfter(() -> throttle.begin("someone-else", "10.9.9.9"));
        assertTrue(wait >= 1 && wait <= 3, "20 per minute refill one every 3 s, was " + wait);
        assertDoesNotThrow(() -> throttle.begin("someone-else", "10.9.9.8"));
        time.advanceSeconds(wait);
        assertDoesNotThrow(() -> throttle.begin("someone-else", "10.9.9.9"));
    }

    @Test
    void successfulLoginsDoNotUseUpTheAddressAllowance() {
        for (int i = 0; i < 100; i++) {
            throttle.succeeded(throttle.begin("ci-bot", "10.1.1.1"));
        }
        assertDoesNotThrow(() -> throttle.begin("ci-bot", "10.1.1.1"));
    }

    @Test
    void aLockedUserNameDoesNotCostTheAddressAnAttempt() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.2.2.2");
        }
        for (int i = 0; i < 50; i++) {
            assertThrows(DomainException.class, () -> throttle.begin("alice", "10.2.2.2"));
        }
        for (int i = 0; i < 15; i++) {
            fail("other" + i, "10.2.2.2");
        }
    }
}
