package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run records as documents in the metadata store under {@code gcrun/<id>}: ids start with the zero-padded
 * start time, so key order is start order. Only the newest {@link #KEEP} records are kept, so listing them all
 * is cheap. A record still "running" when the process starts belongs to a run a shutdown or crash cut short:
 * it is marked "interrupted" (each deletion of that run was its own committed step; the next run starts over).
 */
public final class GcRunStore {
    static final int KEEP = 100;

    private final MetadataStore store;

    public GcRunStore(MetadataStore store) {
        this.store = store;
    }

    public static String newId(Instant started) {
        return String.format("%013d-%04x", started.toEpochMilli(), ThreadLocalRandom.current().nextInt(0x10000));
    }

    public void save(GcRun run) {
        save(run, null);
    }

    /** PipelineWrites the record, and with it (same batch) a system event when one is given. */
    void save(GcRun run, JsonNode completedEvent) {
        WriteBatch batch = store.newBatch();
        batch.putDocument(ArtifactKeys.RUN_PREFIX + run.id(), Json.bytes(run.toJson()), Precondition.NONE);
        if (completedEvent != null) {
            batch.appendEvent(GcRunner.COMPLETED_EVENT, completedEvent);
        }
        batch.commit();
    }

    public Optional<JsonNode> get(String id) {
        if (id == null || !id.matches("[0-9]{13}-[0-9a-f]{4}")) {
            return Optional.empty();
        }
        return store.get(ArtifactKeys.RUN_PREFIX + id).map(Json::parse);
    }

    /** Every kept record, newest first. */
    public List<JsonNode> list() {
        List<JsonNode> runs = new ArrayList<>();
        forEachKey(key -> store.get(key).map(Json::parse).ifPresent(runs::add));
        Collections.reverse(runs);
        return runs;
    }

    /** Drops the oldest records beyond {@link #KEEP - 1}, making room for one more. */
    void prune() {
        List<String> keys = new ArrayList<>();
        forEachKey(keys::add);
        if (keys.size() < KEEP) {
            return;
        }
        WriteBatch batch = store.newBatch();
        keys.subList(0, keys.size() - KEEP + 1).forEach(batch::deleteDocument);
        batch.commit();
    }

    /** Marks records left "running" by a previous process as "interrupted"; returns how many. */
    public int markInterrupted(Instant now) {
        List<String> stale = new ArrayList<>();
        forEachKey(key -> store.get(key).map(Json::parse)
                .filter(run -> "running".equals(run.path("state").asText()))
                .ifPresent(run -> stale.add(key)));
        for (String key : stale) {
            store.get(key).map(Json::parse).ifPresent(run -> {
                ObjectNode updated = ((ObjectNode) run).put("state", "interrupted").put("phase", "done")
                        .put("finished", now.toString());
                WriteBatch batch = store.newBatch();
                batch.putDocument(key, Json.bytes(updated), Precondition.NONE);
                batch.commit();
            });
        }
        return stale.size();
    }

    private void forEachKey(java.util.function.Consumer<String> action) {
        String cursor = null;
        do {
            KeyPage page = store.keys(ArtifactKeys.RUN_PREFIX, cursor, 500);
            page.keys().forEach(action);
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
