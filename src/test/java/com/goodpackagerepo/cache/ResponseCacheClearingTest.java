package com.goodpackagerepo.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.validation.ConfigValidator;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.TestContexts;
import com.goodpackagerepo.storage.event.ReplicatedEvents;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache on a cluster node: another node's deletion clears it when the signal arrives and again when
 * the replica applies it, and a response read before a clearing is never cached after it.
 */
class ResponseCacheClearingTest {
    private final ResponseCache cache = new ResponseCache();

    @BeforeEach
    void configure() {
        var schema = TestContexts.seedSchema();
        cache.onConfigForTests(new RepositoryConfig(schema, 1, new ConfigValidator().validate(schema)));
    }

    private static StoredEvent event(String type) {
        return new StoredEvent(1, "e1", type, Json.object().put("blob_digest", "sha256:00"), "2026-01-01T00:00:00Z");
    }

    @Test
    void anotherNodesDeletionAppliedByTheReplicaClearsTheCache() {
        cache.put("a", null, Json.object(), 10, 60, System.nanoTime());
        cache.onReplicated(new ReplicatedEvents(List.of(event("artifact.published"))));
        assertNotNull(cache.get("a"), "a publish elsewhere leaves cached responses alone");
        cache.onReplicated(new ReplicatedEvents(List.of(event("artifact.published"), event("artifact.deleted"))));
        assertNull(cache.get("a"));
    }

    @Test
    void theDeletionSignalClearsTheCache() {
        cache.put("a", null, Json.object(), 10, 60, System.nanoTime());
        cache.onSignal(new ClusterSignal(ClusterSignal.RESPONSES_INVALID, ""));
        assertNull(cache.get("a"));
        assertEquals(0, cache.size());
    }

    @Test
    void aResponseOfARequestThatStartedBeforeAClearingIsNotCached() {
        long started = System.nanoTime();
        cache.invalidateAll(); // e.g. the deletion signal, while the request was reading the replica
        cache.put("stale", null, Json.object(), 10, 60, started);
        assertNull(cache.get("stale"));
        cache.put("fresh", null, Json.object(), 10, 60, System.nanoTime());
        assertNotNull(cache.get("fresh"));
    }
}
