package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.RetryLaterException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down password guessing with Bucket4j token buckets, one per client address and one per user name.
 *
 * <p>Every attempt takes a token from both buckets before the password is checked, and a successful login
 * gives them back, so only failures use up the allowance; an empty bucket answers 429 LIMIT_EXCEEDED with
 * Retry-After, without checking the password (a locked-out guesser learns nothing). The address bucket
 * refills at a fixed rate. The user name bucket backs off: the first time failures empty it, it refills at
 * the base rate; every further time at half the previous rate (up to {@link Limits#userMaxBackoffSeconds}
 * per attempt), until a successful login resets it.
 *
 * <p>Unknown user names are throttled like real ones (no enumeration). State lives in memory (one server
 * process), bounded to {@link #MAX_TRACKED} entries per table, least recently used evicted first. In a cluster the
 * buckets come from a {@link SharedBucketSource} (PostgreSQL), so the limits hold for all nodes together; the
 * back-off level stays per node.
 */
public final class LoginThrottle {
    static final int MAX_TRACKED = 50_000;

    private final Limits limits;
    private final TimeMeter clock;
    private final SharedBucketSource shared;
    private final Map<String, Bucket> addresses = lru();
    private final Map<String, UserBucket> users = lru();

    public LoginThrottle(Limits limits) {
        this(limits, TimeMeter.SYSTEM_NANOTIME, null);
    }

    /** Buckets from {@code shared} (a cluster's), named by address and user name. */
    public LoginThrottle(Limits limits, SharedBucketSource shared) {
        this(limits, TimeMeter.SYSTEM_NANOTIME, shared);
    }

    LoginThrottle(Limits limits, TimeMeter clock) {
        this(limits, clock, null);
    }

    LoginThrottle(Limits limits, TimeMeter clock, SharedBucketSource shared) {
        this.limits = limits;
        this.clock = clock;
        this.shared = shared;
    }

    /** Where a cluster's buckets come from: the same name gives the same bucket on every node. */
    @FunctionalInterface
    public interface SharedBucketSource {
        Bucket bucket(String name, BucketConfiguration configuration);
    }

    /**
     * Takes one attempt for {@code username} from {@code address}.
     *
     * @throws DomainException 429 LIMIT_EXCEEDED with Retry-After when either has no attempt left
     */
    public Attempt begin(String username, String address) {
        String user = normalize(username);
        Bucket addressBucket = address(address);
        ConsumptionProbe byAddress = addressBucket.tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            throw tooMany("Too many login attempts from your address", byAddress.getNanosToWaitForRefill());
        }
        UserBucket userBucket = user(user);
        ConsumptionProbe byUser = userBucket.bucket.tryConsumeAndReturnRemaining(1);
        if (!byUser.isConsumed()) {
            addressBucket.addTokens(1);
            throw tooMany("Too many failed logins for this user; wait before trying again", byUser.getNanosToWaitForRefill());
        }
        return new Attempt(addressBucket, userBucket);
    }

    /** The password was right: the attempt is given back and the user name's back-off starts over. */
    public void succeeded(Attempt attempt) {
        attempt.address.addTokens(1);
        attempt.user.reset();
    }

    /**
     * The password was wrong: the attempt stays used; emptying the user name's bucket raises its back-off.
     *
     * @return seconds until the user name may try again, 0 when it may at once
     */
    public long failed(Attempt attempt) {
        return attempt.user.afterFailure();
    }

    /** The current back-off level of a user name (0 = none yet); for tests and diagnostics. */
    int level(String username) {
        synchronized (users) {
            UserBucket bucket = users.get(normalize(username));
            return bucket == null ? 0 : bucket.level;
        }
    }

    private Bucket address(String address) {
        String key = address == null ? "?" : address;
        synchronized (addresses) {
            return addresses.computeIfAbsent(key, k -> shared != null
                    ? shared.bucket("login-address:" + k, BucketConfiguration.builder().addLimit(l -> l
                            .capacity(limits.addressAttempts())
                            .refillGreedy(limits.addressAttempts(), Duration.ofSeconds(limits.addressPeriodSeconds())))
                            .build())
                    : Bucket.builder().withCustomTimePrecision(clock)
                    .addLimit(l -> l.capacity(limits.addressAttempts())
                            .refillGreedy(limits.addressAttempts(), Duration.ofSeconds(limits.addressPeriodSeconds())))
                    .build());
        }
    }

    private UserBucket user(String username) {
        synchronized (users) {
            return users.computeIfAbsent(username, UserBucket::new);
        }
    }

    private static String normalize(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static RetryLaterException tooMany(String message, long nanosToWait) {
        long seconds = seconds(nanosToWait);
        return new RetryLaterException(ErrorCode.LIMIT_EXCEEDED, message + " (retry after " + seconds + " s)",
                Duration.ofSeconds(seconds));
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }

    /** A user name's bucket and its back-off level; the level picks the bucket's refill rate. */
    private final class UserBucket {
        private final Bucket bucket;
        private int lockouts;
        private int level;

        UserBucket(String username) {
            bucket = shared != null ? shared.bucket("login-user:" + username, configuration(0))
                    : Bucket.builder().withCustomTimePrecision(clock)
                    .addLimit(l -> l.capacity(limits.userFailures()).refillGreedy(limits.userFailures(), period(0))).build();
        }

        /** The first lock-out refills at the base rate; every further one at half the rate of the one before. */
        synchronized long afterFailure() {
            if (bucket.getAvailableTokens() > 0) {
                return 0;
            }
            lockouts++;
            if (lockouts > 1 && period(level + 1).compareTo(period(level)) > 0) {
                level++;
                bucket.replaceConfiguration(configuration(level), TokensInheritanceStrategy.AS_IS);
            }
            return seconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }

        synchronized void reset() {
            lockouts = 0;
            if (level > 0) {
                level = 0;
                bucket.replaceConfiguration(configuration(0), TokensInheritanceStrategy.AS_IS);
            }
            bucket.reset();
        }

        private BucketConfiguration configuration(int atLevel) {
            return BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(limits.userFailures()).refillGreedy(limits.userFailures(), period(atLevel)))
                    .build();
        }

        /** The refill period at a level: doubled per level, capped so one attempt never waits longer than the maximum. */
        private Duration period(int atLevel) {
            long base = limits.userPeriodSeconds();
            long cap = limits.userMaxBackoffSeconds() * limits.userFailures();
            long seconds = atLevel >= 40 ? cap : Math.min(cap, base << atLevel);
            return Duration.ofSeconds(Math.max(base, seconds));
        }
    }

    /** One attempt taken from both buckets, to settle with {@link #succeeded} or {@link #failed}. */
    public static final class Attempt {
        private final Bucket address;
        private final UserBucket user;

        private Attempt(Bucket address, UserBucket user) {
            this.address = address;
            this.user = user;
        }
    }

    /**
     * @param addressAttempts       attempts per client address per {@code addressPeriodSeconds}
     * @param userFailures          failures a user name absorbs at once; refilled over {@code userPeriodSeconds}
     * @param userMaxBackoffSeconds the longest wait for one attempt once backed off
     */
    public record Limits(int addressAttempts, long addressPeriodSeconds, int userFailures, long userPeriodSeconds,
                         long userMaxBackoffSeconds) {
        public Limits {
            if (addressAttempts < 1 || userFailures < 1 || addressPeriodSeconds < 1 || userPeriodSeconds < 1
                    || userMaxBackoffSeconds < 1) {
                throw new IllegalArgumentException("login limits must be positive: " + this);
            }
        }
    }
}
