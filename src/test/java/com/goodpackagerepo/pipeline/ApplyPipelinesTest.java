package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.gc.ArtifactDeletion;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.RecordingWriteBatch;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.cluster.PipelineApply;
import com.goodpackagerepo.storage.engines.MarkRules;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's replication apply pipelines, run in the executor's apply mode from the stored events, reproduce
 * exactly the write-set the authority committed (publish, proxy cache, tag, deletion with its tags), a replica
 * fed by them holds what the authority holds, replay is idempotent, and a pipeline that disagrees with the
 * write-set is caught and counted.
 */
class ApplyPipelinesTest {
    private static final String BLOB = "/v1/acme/app/1.0.0/x/blob";
    private static final String TAG_BODY = "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}";

    @TempDir
    Path dir;
    private PipelineHarness harness;

    @BeforeEach
    void open() {
        harness = new PipelineHarness(dir.resolve("authority"));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private Optional<List<ReplicatedBatch.Write>> replay(PipelineHarness h, List<StoredEvent> events) {
        return new ApplyPipelines(null, h.executor()).writesOf(h.compiled(), events);
    }

    private void assertReplays(ReplicatedBatch batch, String... types) {
        assertEquals(List.of(types), batch.events().stream().map(StoredEvent::type).toList());
        List<ReplicatedBatch.Write> produced = replay(harness, batch.events()).orElseThrow();
        assertTrue(PipelineApply.same(produced, batch.writes()), () -> "pipeline " + describe(produced)
                + "\nwrite-set " + describe(batch.writes()));
    }

    private static String describe(List<ReplicatedBatch.Write> writes) {
        List<String> out = new ArrayList<>();
        for (ReplicatedBatch.Write w : writes) {
            out.add(w instanceof ReplicatedBatch.PutDocument p ? "put " + p.key() + " " + new String(p.value())
                    : w.toString());
        }
        return out.toString();
    }

    private void publishAndTag(String... tags) {
        assertEquals(201, Results.status(harness.run("PUT", BLOB, PipelineHarness.WRITER, "hello")));
        for (String tag : tags) {
            assertEquals(200, Results.status(harness.run("PUT", "/v1/acme/app/tags/" + tag, PipelineHarness.WRITER,
                    TAG_BODY)));
        }
    }

    private ReplicatedBatch cached() {
        // the proxy route's own steps after its upstream fetch and blob.put: what a proxied download commits
        PipelineResult result = harness.runSteps("proxy_fallback_fetch_blob", List.of(1, 2, 3, 8, 10, 11, 12, 13, 14),
                "/v1/proxy/acme/lib/2.0.0/x/blob", PipelineHarness.WRITER,
                Map.of("digest", TextNode.valueOf("sha256:" + "ab".repeat(32)), "blob_size", LongNode.valueOf(5)));
        assertEquals(204, Results.status(result));
        return harness.committed.get(harness.committed.size() - 1);
    }

    @Test
    void publishCacheAndTagReplayToTheirWriteSets() {
        publishAndTag("stable");
        ReplicatedBatch cached = cached();

        assertEquals(3, harness.committed.size());
        assertReplays(harness.committed.get(0), "artifact.published");
        assertReplays(harness.committed.get(1), "tag.updated");
        assertReplays(cached, "artifact.cached");
    }

    @Test
    void aDeletionWithItsTagsReplaysToItsWriteSet() {
        publishAndTag("stable", "prod");
        List<ReplicatedBatch> deletions = new ArrayList<>();
        new ArtifactDeletion(RecordingWriteBatch.recording(harness.stores().metadata(), deletions), harness.compiled(),
                () -> { }).delete("artifact/acme/app/1.0.0/x", ArtifactDeletion.TagPolicy.REMOVE, "admin", "admin");

        assertEquals(1, deletions.size());
        ReplicatedBatch deletion = deletions.get(0);
        assertReplays(deletion, "artifact.deleted", "tag.removed", "tag.removed");
        assertTrue(deletion.writes().stream().anyMatch(w -> w instanceof ReplicatedBatch.PutDocument p
                && p.key().equals("tombstone/artifact/acme/app/1.0.0/x")), "the tombstone is part of it");
    }

    @Test
    void aReplicaFedByThePipelinesHoldsWhatTheAuthorityHoldsAndReplayIsIdempotent() {
        publishAndTag("stable", "prod");
        cached();
        new ArtifactDeletion(RecordingWriteBatch.recording(harness.stores().metadata(), harness.committed),
                harness.compiled(), () -> { })
                .delete("artifact/acme/app/1.0.0/x", ArtifactDeletion.TagPolicy.REMOVE, "admin", "admin");
        List<ReplicatedBatch> log = List.copyOf(harness.committed);

        PipelineApply apply = new PipelineApply();
        apply.applier(events -> replay(harness, events));
        try (LmdbMetadataStore replica = new LmdbMetadataStore(dir.resolve("replica"), 16L << 20, 1L << 30,
                MarkRules.blobReferences(harness.compiled().config().model()))) {
            replica.setReplicaPosition(0);
            for (ReplicatedBatch entry : log) {
                List<ReplicatedBatch> prepared = apply.prepare(List.of(entry));
                replica.applyReplicated(prepared, true);
                replica.applyReplicated(prepared, false); // delivered twice: the same state
            }
            for (String key : List.of("artifact/acme/app/1.0.0/x", "tag/acme/app/stable", "tag/acme/app/prod",
                    "tombstone/artifact/acme/app/1.0.0/x", "artifact/acme/lib/2.0.0/x")) {
                assertEquals(harness.stores().metadata().get(key).map(String::new),
                        replica.get(key).map(String::new), key);
            }
            assertTrue(replica.get("tombstone/artifact/acme/app/1.0.0/x").isPresent());
            assertTrue(replica.get("artifact/acme/lib/2.0.0/x").isPresent());
            assertEquals(log.size(), replica.replicaPosition());
        }
        assertEquals(new PipelineApply.ReplicaApplyCounts(log.size(), 0, 0), apply.counts());
    }

    @Test
    void anEventIdMetTwiceIsAppliedOnce() {
        publishAndTag();
        List<StoredEvent> events = harness.committed.get(0).events();
        List<StoredEvent> twice = new ArrayList<>(events);
        twice.addAll(events);

        assertEquals(replay(harness, events).orElseThrow().size(), replay(harness, twice).orElseThrow().size());
        assertTrue(PipelineApply.same(replay(harness, events).orElseThrow(), replay(harness, twice).orElseThrow()));
    }

    @Test
    void aPipelineThatDoesNotReproduceTheWriteSetFallsBackToItAndIsCounted() {
        ObjectNode schema = TestContexts.seedSchema().deepCopy();
        ((ObjectNode) schema.at("/replication/apply_pipelines/apply_artifact_published/1/args/value"))
                .put("created_by", "someone else");
        publishAndTag();
        ReplicatedBatch published = harness.committed.get(0);
        try (PipelineHarness drifted = new PipelineHarness(dir.resolve("drifted"), schema)) {
            PipelineApply apply = new PipelineApply();
            apply.applier(events -> replay(drifted, events));

            List<ReplicatedBatch> prepared = apply.prepare(List.of(published));

            assertSame(published, prepared.get(0), "the write-set is applied");
            assertEquals(new PipelineApply.ReplicaApplyCounts(0, 1, 1), apply.counts());
        }
        PipelineApply matching = new PipelineApply();
        matching.applier(events -> replay(harness, events));
        ReplicatedBatch byPipeline = matching.prepare(List.of(published)).get(0);
        assertNotSame(published, byPipeline);
        assertArrayEquals(((ReplicatedBatch.PutDocument) published.writes().get(0)).value(),
                ((ReplicatedBatch.PutDocument) byPipeline.writes().get(0)).value());
        assertEquals(new PipelineApply.ReplicaApplyCounts(1, 0, 0), matching.counts());
    }

    @Test
    void anEventWithoutAnApplyPipelineLeavesTheBatchToItsWriteSet() {
        StoredEvent other = new StoredEvent(1, "e1", "gc.completed", Json.object(), "2026-01-01T00:00:00Z");
        assertTrue(replay(harness, List.of(other)).isEmpty());
    }

    @Test
    void applyModeRunsOnlyApplyOps() {
        ObjectNode args = Json.object().put("doc", "artifact_meta").put("key", "k");
        args.set("value", Json.object());
        List<OpCall> steps = List.of(new OpCall("kv.cas_put", args, "test[0]", null));
        StoredEvent event = new StoredEvent(1, "e1", "artifact.published", Json.object(), "2026-01-01T00:00:00Z");
        PipelineContext ctx = PipelineContext.forEvent(harness.compiled(), steps, event,
                new ReplicaWriteBatch.Boundary(new ReplicaWriteBatch()));

        DomainException e = assertThrows(DomainException.class, () -> harness.executor().apply(ctx, steps));
        assertTrue(e.getMessage().contains("cannot run in an apply pipeline"), e.getMessage());
    }
}
