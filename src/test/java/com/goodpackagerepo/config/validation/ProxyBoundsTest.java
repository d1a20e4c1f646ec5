package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.args;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.idsAndPaths;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** val_no_unbounded_proxy: proxy_fetch_requires_timeouts and proxy_fetch_requires_retry_bounds. */
class ProxyBoundsTest {

    private static final String CHECK = "val_no_unbounded_proxy";

    private static ObjectNode originA(ObjectNode schema) {
        return obj(schema, "/upstreams/originA");
    }

    @Test
    void boundsAtTheirLimitsPass() {
        ObjectNode schema = shipped();
        originA(schema).set("timeouts_ms", json("{\"connect\":1,\"read\":300000}"));
        originA(schema).set("retry", json("{\"max_attempts\":10,\"backoff_ms\":0}"));

        assertValid(validate(schema));
    }

    @Test
    void anUpstreamNoFetchUsesNeedsNoBounds() {
        ObjectNode schema = shipped();
        obj(schema, "/upstreams").set("originB", json("{\"base_url\":\"https://b.example.com\"}"));

        assertValid(validate(schema));
    }

    @Test
    void missingTimeoutsAreRejected() {
        ObjectNode schema = shipped();
        originA(schema).remove("timeouts_ms");

        assertOnlyViolation(validate(schema), CHECK, "upstreams.originA.timeouts_ms");
    }

    @Test
    void aZeroConnectTimeoutIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/upstreams/originA/timeouts_ms").put("connect", 0);

        assertOnlyViolation(validate(schema), CHECK, "upstreams.originA.timeouts_ms.connect");
    }

    @Test
    void aReadTimeoutOverFiveMinutesIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/upstreams/originA/timeouts_ms").put("read", 300_001);

        assertOnlyViolation(validate(schema), CHECK, "upstreams.originA.timeouts_ms.read");
    }

    @Test
    void aFractionalTimeoutIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/upstreams/originA/timeouts_ms").put("read", 1500.5);

        assertOnlyViolation(validate(schema), CHECK, "upstreams.originA.timeouts_ms.read");
    }

    @Test
    void missingRetryIsRejected() {
        ObjectNode schema = shipped();
        originA(schema).remove("retry");

        assertOnlyViolation(validate(schema), CHECK, "upstreams.originA.retry");
    }

    @Test
    void aThousandAttemptsIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/upstreams/originA/retry").put("max_attempts", 1000);

        assertOnlyViolation(validate(schema), CHECK, "upstreams.originA.retry.max_attempts");
    }

    @Test
    void missingAttemptsAndBadBackoffAreBothRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/upstreams/originA/retry").remove("max_attempts");
        obj(schema, "/upstreams/originA/retry").put("backoff_ms", "200");

        assertEquals(List.of(CHECK + " at upstreams.originA.retry.max_attempts",
                CHECK + " at upstreams.originA.retry.backoff_ms"), idsAndPaths(validate(schema)));
    }

    @Test
    void aFetchFromAnUndeclaredUpstreamIsRejected() {
        ObjectNode schema = shipped();
        args(schema, 4, 6).put("upstream", "originB");

        assertEquals(List.of("val_entity_references at api.routes[4].pipeline[6].args.upstream",
                CHECK + " at api.routes[4].pipeline[6].args.upstream"), idsAndPaths(validate(schema)));
    }
}
