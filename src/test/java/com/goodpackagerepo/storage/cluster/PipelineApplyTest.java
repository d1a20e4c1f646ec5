package com.goodpackagerepo.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which writes a replica applies for a tailed entry, and the counts it keeps of each way. */
class PipelineApplyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndexDefinition VERSIONS = new IndexDefinition("artifact_versions",
            List.of("namespace", "name"),
            "version", true, true, List.of("version", "variant"));
    private static final StoredEvent EVENT = new StoredEvent(7, "e7", "artifact.published", JSON.createObjectNode(),
            "2026-01-01T00:00:00Z");

    private static ReplicatedBatch.PutDocument put(String key, String value) {
        return new ReplicatedBatch.PutDocument(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode row(String version, String extra) {
        ObjectNode row = JSON.createObjectNode().put("namespace", "a").put("name", "b").put("version", version)
                .put("variant", "x");
        return extra == null ? row : row.put("created_at", extra);
    }

    private static ReplicatedBatch batch(ReplicatedBatch.Write... writes) {
        return new ReplicatedBatch(3, List.of(writes), List.of(EVENT));
    }

    @Test
    void equalWritesAreAppliedAsThePipelinesProducedThem() {
        ReplicatedBatch entry = batch(put("k", "{\"a\":1}"), new ReplicatedBatch.UpsertIndex(VERSIONS, row("1", null)));
        PipelineApply apply = new PipelineApply();
        apply.applier(events -> Optional.of(List.of(put("k", "{\"a\":1}"),
                new ReplicatedBatch.UpsertIndex(VERSIONS, row("1", null)))));

        ReplicatedBatch applied = apply.prepare(List.of(entry)).get(0);

        assertEquals(entry.seq(), applied.seq());
        assertEquals(entry.events(), applied.events());
        assertEquals(new PipelineApply.ReplicaApplyCounts(1, 0, 0), apply.counts());
    }

    @Test
    void differentBytesAKeyOrAnOrderAreAMismatchAndTheWriteSetIsApplied() {
        ReplicatedBatch entry = batch(put("k", "{\"a\":1}"), new ReplicatedBatch.DeleteDocument("t"));
        for (List<ReplicatedBatch.Write> produced : List.<List<ReplicatedBatch.Write>>of(
                List.of(put("k", "{\"a\":2}"), new ReplicatedBatch.DeleteDocument("t")),
                List.of(put("k2", "{\"a\":1}"), new ReplicatedBatch.DeleteDocument("t")),
                List.<ReplicatedBatch.Write>of(new ReplicatedBatch.DeleteDocument("t"), put("k", "{\"a\":1}")),
                List.<ReplicatedBatch.Write>of(put("k", "{\"a\":1}")))) {
            PipelineApply apply = new PipelineApply();
            apply.applier(events -> Optional.of(produced));
            assertSame(entry, apply.prepare(List.of(entry)).get(0), produced.toString());
            assertEquals(new PipelineApply.ReplicaApplyCounts(0, 1, 1), apply.counts());
        }
    }

    @Test
    void anIndexDeleteMatchesOnItsRowsIdentityOnly() {
        assertTrue(PipelineApply.same(List.of(new ReplicatedBatch.DeleteIndex(VERSIONS, row("1", "then"))),
                List.of(new ReplicatedBatch.DeleteIndex(VERSIONS, row("1", null)))));
        assertFalse(PipelineApply.same(List.of(new ReplicatedBatch.DeleteIndex(VERSIONS, row("1", null))),
                List.of(new ReplicatedBatch.DeleteIndex(VERSIONS, row("2", null)))));
        assertFalse(PipelineApply.same(List.of(new ReplicatedBatch.UpsertIndex(VERSIONS, row("1", "then"))),
                List.of(new ReplicatedBatch.UpsertIndex(VERSIONS, row("1", null)))));
    }

    @Test
    void withoutAPipelineAFailingOneOrNoApplierTheWriteSetIsAppliedWithoutAMismatch() {
        ReplicatedBatch entry = batch(put("k", "{}"));
        PipelineApply none = new PipelineApply();
        PipelineApply missing = new PipelineApply();
        missing.applier(events -> Optional.empty());
        PipelineApply failing = new PipelineApply();
        failing.applier(events -> {
            throw new IllegalStateException("boom");
        });
        for (PipelineApply apply : List.of(none, missing, failing)) {
            assertSame(entry, apply.prepare(List.of(entry)).get(0));
            assertEquals(new PipelineApply.ReplicaApplyCounts(0, 1, 0), apply.counts());
        }
    }
}
