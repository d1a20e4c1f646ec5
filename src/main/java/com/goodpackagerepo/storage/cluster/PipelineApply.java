package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.storage.ReplicaApplier;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a replica applies another node's batches: by the schema's apply pipelines when every event of the batch has
 * one, else by the authority's write-set. The pipelines' writes are compared with the write-set first (a safety
 * net while both exist): on a mismatch the write-set is applied and counted, so a replica never diverges from the
 * authority because a pipeline and the code that made the write disagree.
 */
public final class PipelineApply {
    private static final Logger LOG = Logger.getLogger(PipelineApply.class.getName());

    private volatile ReplicaApplier applier;
    private final AtomicLong byPipeline = new AtomicLong();
    private final AtomicLong byWriteSet = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();

    /** Sets who runs the apply pipelines; null (the default) applies every batch by its write-set. */
    public void applier(ReplicaApplier value) {
        this.applier = value;
    }

    /** The batches as they are to be applied: each one's writes those of its pipelines, or its write-set. */
    public List<ReplicatedBatch> prepare(List<ReplicatedBatch> batches) {
        List<ReplicatedBatch> out = new ArrayList<>(batches.size());
        for (ReplicatedBatch batch : batches) {
            out.add(prepare(batch));
        }
        return out;
    }

    private ReplicatedBatch prepare(ReplicatedBatch batch) {
        ReplicaApplier current = applier;
        Optional<List<ReplicatedBatch.Write>> produced = current == null || batch.events().isEmpty()
                ? Optional.empty() : produce(current, batch);
        if (produced.isEmpty()) {
            byWriteSet.incrementAndGet();
            return batch;
        }
        if (!same(produced.get(), batch.writes())) {
            mismatches.incrementAndGet();
            byWriteSet.incrementAndGet();
            LOG.warning(() -> "cluster replica: the apply pipelines of log entry " + batch.seq() + " ("
                    + batch.events().stream().map(e -> e.type()).toList() + ") do not reproduce its write-set;"
                    + " applied the write-set");
            return batch;
        }
        byPipeline.incrementAndGet();
        return new ReplicatedBatch(batch.seq(), produced.get(), batch.events());
    }

    private static Optional<List<ReplicatedBatch.Write>> produce(ReplicaApplier applier, ReplicatedBatch batch) {
        try {
            return applier.writesOf(batch.events());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster replica: the apply pipelines of log entry " + batch.seq() + " failed", e);
            return Optional.empty();
        }
    }

    /**
     * Whether two write lists do the same, in the same order: equal keys and document bytes, equal index rows for
     * upserts; an index delete matches on its row's identity (the only part of the row a delete uses).
     */
    public static boolean same(List<ReplicatedBatch.Write> a, List<ReplicatedBatch.Write> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(ReplicatedBatch.Write x, ReplicatedBatch.Write y) {
        if (x instanceof ReplicatedBatch.PutDocument p && y instanceof ReplicatedBatch.PutDocument q) {
            return p.key().equals(q.key()) && Arrays.equals(p.value(), q.value());
        }
        if (x instanceof ReplicatedBatch.DeleteDocument p && y instanceof ReplicatedBatch.DeleteDocument q) {
            return p.key().equals(q.key());
        }
        if (x instanceof ReplicatedBatch.UpsertIndex p && y instanceof ReplicatedBatch.UpsertIndex q) {
            return p.index().equals(q.index()) && p.row().equals(q.row());
        }
        if (x instanceof ReplicatedBatch.DeleteIndex p && y instanceof ReplicatedBatch.DeleteIndex q) {
            return p.index().equals(q.index()) && LmdbMetadataStore.indexIdentity(p.index(), p.row())
                    .equals(LmdbMetadataStore.indexIdentity(q.index(), q.row()));
        }
        return false;
    }

    public ReplicaApplyCounts counts() {
        return new ReplicaApplyCounts(byPipeline.get(), byWriteSet.get(), mismatches.get());
    }

    /**
     * Log entries this node applied from other nodes since start.
     *
     * @param byPipeline entries whose writes the apply pipelines produced
     * @param byWriteSet entries applied by the authority's write-set (no pipeline for an event, or a mismatch)
     * @param mismatches entries whose pipelines' writes differed from the write-set (also counted in byWriteSet)
     */
    public record ReplicaApplyCounts(long byPipeline, long byWriteSet, long mismatches) {
    }
}
