package com.goodpackagerepo.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.pipeline.ApplyPipelines;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.pipeline.PipelineHarness;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.RecordingWriteBatch;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.cluster.PipelineApply;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evicting a proxied artifact emits artifact.evicted, whose apply pipeline reproduces the eviction's write-set. */
class EvictionReplayTest {
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final String KEY = "artifact/acme/lib/2.0.0/x";

    @TempDir
    Path dir;

    @Test
    void anEvictionReplaysToItsWriteSet() {
        try (PipelineHarness harness = new PipelineHarness(dir)) {
            harness.runSteps("proxy_fallback_fetch_blob", List.of(1, 2, 3, 8, 10, 11, 12, 13, 14),
                    "/v1/proxy/acme/lib/2.0.0/x/blob", PipelineHarness.WRITER,
                    Map.of("digest", TextNode.valueOf(DIGEST), "blob_size", LongNode.valueOf(5)));
            assertTrue(harness.stores().metadata().get(KEY).isPresent(), "the proxied copy is stored");
            List<ReplicatedBatch> log = new ArrayList<>();
            MetadataStore recording = RecordingWriteBatch.recording(harness.stores().metadata(), log);
            ProxiedArtifactEviction eviction = new ProxiedArtifactEviction();
            eviction.stores = new Stores() {
                @Override
                public MetadataStore metadata() {
                    return recording;
                }
            };
            eviction.compiled = new CompiledConfigHolder() {
                @Override
                public CompiledConfig current() {
                    return harness.compiled();
                }
            };
            eviction.responseCache = new ResponseCache();
            eviction.responseCache.onConfigForTests(harness.compiled().config());

            eviction.evict(new BlobCacheIndex.Entry(DIGEST, 5, Set.of(KEY)), false);

            assertTrue(harness.stores().metadata().get(KEY).isEmpty());
            assertEquals(1, log.size());
            ReplicatedBatch batch = log.get(0);
            assertEquals(List.of("artifact.evicted"), batch.events().stream().map(StoredEvent::type).toList());
            List<ReplicatedBatch.Write> produced = new ApplyPipelines(null, harness.executor())
                    .writesOf(harness.compiled(), batch.events()).orElseThrow();
            assertEquals(2, batch.writes().size());
            assertTrue(PipelineApply.same(produced, batch.writes()), produced + " vs " + batch.writes());
        }
    }
}
