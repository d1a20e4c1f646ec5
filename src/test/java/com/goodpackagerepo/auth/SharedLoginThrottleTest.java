package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import io.github.bucket4j.Bucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Two throttles on one bucket source stand for two cluster nodes on one database: the limits hold for both together
 * (M attempts over N nodes are limited like M attempts on one). The PostgreSQL source is exercised by
 * {@code LoginThrottleClusterIT}.
 */
class SharedLoginThrottleTest {
    private final Map<String, Bucket> database = new ConcurrentHashMap<>();
    private final LoginThrottle.SharedBucketSource source = (name, configuration) -> database.computeIfAbsent(name,
            n -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    private final LoginThrottle.Limits limits = new LoginThrottle.Limits(100, 60, 5, 60, 900);
    private final LoginThrottle nodeOne = new LoginThrottle(limits, source);
    private final LoginThrottle nodeTwo = new LoginThrottle(limits, source);

    @Test
    void failuresSpreadOverTwoNodesAreCountedTogether() {
        for (int i = 0; i < 5; i++) {
            LoginThrottle node = i % 2 == 0 ? nodeOne : nodeTwo;
            node.failed(node.begin("mallory", "10.0.0." + i));
        }
        DomainException refused = assertThrows(DomainException.class, () -> nodeTwo.begin("mallory", "10.0.0.9"));
        assertEquals(ErrorCode.LIMIT_EXCEEDED, refused.code());
        assertThrows(DomainException.class, () -> nodeOne.begin("mallory", "10.0.0.9"));
        assertEquals(1, database.keySet().stream().filter(k -> k.startsWith("login-user:")).count(),
                "one bucket for the user name, whichever node asked");
    }

    @Test
    void anAddressIsLimitedAcrossNodes() {
        LoginThrottle.Limits tight = new LoginThrottle.Limits(3, 60, 100, 60, 900);
        LoginThrottle a = new LoginThrottle(tight, source);
        LoginThrottle b = new LoginThrottle(tight, source);
        a.failed(a.begin("u1", "192.0.2.7"));
        b.failed(b.begin("u2", "192.0.2.7"));
        a.failed(a.begin("u3", "192.0.2.7"));
        assertThrows(DomainException.class, () -> b.begin("u4", "192.0.2.7"));
    }
}
