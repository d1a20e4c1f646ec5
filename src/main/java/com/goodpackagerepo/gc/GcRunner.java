package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.engines.MarkRules;
import com.goodpackagerepo.storage.engines.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One collection run, online: retention first (old versions become deletions, their blobs unreferenced), then
 * the sweep of every blob store. Publishes and downloads go on meanwhile: each deletion is its own short,
 * committed step, the sweep skips leased and referenced blobs, and a blob is only removed once it has been
 * unreferenced and unmodified for the grace window. A cancel, a shutdown or a crash can therefore stop a run
 * anywhere; the next run simply starts over. The run's record is saved when it starts, every few seconds and
 * when it ends, together with one {@code gc.completed} system event (not one of the schema's event types).
 */
public final class GcRunner {
    public static final String COMPLETED_EVENT = "gc.completed";
    private static final Logger LOG = Logger.getLogger(GcRunner.class.getName());
    private static final Duration SAVE_EVERY = Duration.ofSeconds(2);

    private final Stores stores;
    private final CompiledConfig compiled;
    private final Runnable afterDelete;
    private final Clock clock;
    private final Consumer<GcRun> onFinished;

    /**
     * @param afterDelete runs after each artifact deletion (the server clears its response cache)
     * @param onFinished  runs once the run's final record is saved (metrics)
     */
    public GcRunner(Stores stores, CompiledConfig compiled, Runnable afterDelete, Clock clock,
                            Consumer<GcRun> onFinished) {
        this.stores = stores;
        this.compiled = compiled;
        this.afterDelete = afterDelete;
        this.clock = clock;
        this.onFinished = onFinished;
    }

    public GcRun run(GcRun run, GcPolicy policy) {
        MetadataStore metadata = stores.metadata();
        GcRunStore records = new GcRunStore(metadata);
        records.prune();
        records.save(run);
        GcRun.State end;
        try {
            run.phase("retention");
            new Retention(metadata, compiled, policy, new ArtifactDeletion(metadata, compiled, afterDelete), run).run();
            new SnapshotBuildRetention(metadata, compiled, new ArtifactDeletion(metadata, compiled, afterDelete), run).run();
            if (!run.cancelRequested()) {
                run.phase("sweep");
                sweep(metadata, run, records);
            }
            end = run.cancelRequested() ? GcRun.State.CANCELLED : GcRun.State.COMPLETED;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "garbage collection run " + run.id() + " failed", e);
            run.error("run failed: " + e);
            end = GcRun.State.FAILED;
        }
        run.finish(end, clock.instant());
        try {
            records.save(run, completedEvent(run));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot save the record of garbage collection run " + run.id(), e);
        }
        LOG.info(() -> "garbage collection run " + run.id() + " " + run.state() + ": " + summary(run));
        onFinished.accept(run);
        return run;
    }

    private void sweep(MetadataStore metadata, GcRun run, GcRunStore records) throws java.io.IOException {
        if (MarkRules.blobReferences(compiled.config().model()).isEmpty()) {
            run.error("sweep skipped: gc.sweep.mark.mark_blobs_by names no document field, so no blob can be"
                    + " proven unreferenced");
            return;
        }
        Instant cutoff = clock.instant().minusSeconds(run.graceSeconds());
        Instant[] lastSave = {clock.instant()};
        BlobSweep sweep = new BlobSweep(metadata, run, () -> {
            Instant now = clock.instant();
            if (Duration.between(lastSave[0], now).compareTo(SAVE_EVERY) >= 0) {
                lastSave[0] = now;
                records.save(run);
            }
        });
        for (String name : stores.blobRoots().keySet()) {
            BlobStore store = stores.blobStore(name);
            if (store instanceof FilesystemBlobStore filesystem && !run.cancelRequested()) {
                sweep.sweep(name, filesystem, cutoff);
            } else if (store instanceof S3BlobStore bucket && !run.cancelRequested()) {
                sweep.sweep(name, bucket, cutoff);
            }
        }
    }

    private static ObjectNode completedEvent(GcRun run) {
        ObjectNode record = run.toJson();
        ObjectNode event = Json.object();
        event.put("run_id", run.id());
        for (String field : new String[] {"state", "trigger", "by", "dry_run", "started", "finished", "marked", "swept",
                "bytes_freed", "staging_purged", "artifacts_deleted", "errors"}) {
            event.set(field, record.get(field));
        }
        return event;
    }

    private static String summary(GcRun run) {
        return "dry_run=" + run.dryRun() + " marked=" + run.marked() + " swept=" + run.swept() + " bytes_freed="
                + run.bytesFreed() + " artifacts_deleted=" + run.artifactsDeleted() + " errors=" + run.errors();
    }
}
