package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Deletes one artifact in one atomic batch: its artifact-metadata document, its rows in every index fed by
 * that document, a tombstone keeping its digest (see {@link Tombstones}), and an {@code artifact.deleted}
 * event. The blob is not touched: once no document references it, the sweep frees it after the grace window.
 *
 * <p>Tags pointing at the artifact are refused with 409 unless the caller asks to remove them, in which case
 * they go in the same batch, each with a {@code tag.removed} event after the {@code artifact.deleted} one. The
 * batch commits only if the artifact and those tags are unchanged since they
 * were read, so a concurrent re-tag or delete makes it a 409 instead of a half-done deletion.
 *
 * <p>Both events are declared in the schema's {@code events.types} with an apply pipeline each, which replicas run
 * to reproduce exactly these writes (the events are appended in the order of the writes they stand for).
 */
public final class ArtifactDeletion {
    public static final String EVENT = "artifact.deleted";
    public static final String TAG_REMOVED_EVENT = "tag.removed";

    public enum TagPolicy { REFUSE, REMOVE }

    /** A stored tag document. */
    record Tag(String key, byte[] stored, JsonNode doc) {
    }

    public record Deleted(String key, JsonNode meta, List<String> removedTags) {
    }

    private final MetadataStore store;
    private final CompiledConfig compiled;
    private final Runnable afterDelete;

    /** @param afterDelete runs after each committed deletion (the server clears its response cache) */
    public ArtifactDeletion(MetadataStore store, CompiledConfig compiled, Runnable afterDelete) {
        this.store = store;
        this.compiled = compiled;
        this.afterDelete = afterDelete;
    }

    /**
     * @throws DomainException 404 {@code NOT_FOUND} when absent; 409 {@code CONFLICT} when tags point at it and
     *                      {@code tags} is {@link TagPolicy#REFUSE}, or when it changed while being deleted
     */
    public Deleted delete(String key, TagPolicy tags, String by, String reason) {
        byte[] stored = store.get(key).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "Artifact not found"));
        JsonNode meta = Json.parse(stored);
        List<Tag> pointing = tagsOf(meta.path("namespace").asText(), meta.path("name").asText()).stream()
                .filter(t -> key.equals(t.doc().path("target_key").asText())).toList();
        if (!pointing.isEmpty() && tags == TagPolicy.REFUSE) {
            throw new DomainException(ErrorCode.CONFLICT, "Tags point at this artifact ("
                    + String.join(", ", pointing.stream().map(t -> t.doc().path("tag").asText()).toList())
                    + "); delete with force=true to remove them as well");
        }
        String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        WriteBatch batch = store.newBatch();
        batch.check(key, existing -> existing != null && Arrays.equals(existing, stored));
        batch.deleteDocument(key);
        RepositorySchema model = compiled.config().model();
        model.indexesFedBy(model.require(DocumentRole.ARTIFACT_METADATA).name())
                .forEach(index -> batch.deleteIndex(index.definition(), index.rowOf(meta)));
        batch.putDocument(ArtifactKeys.tombstone(key), Tombstones.document(meta, at, by), Precondition.NONE);
        List<String> removed = pointing.stream().map(t -> t.doc().path("tag").asText()).toList();
        batch.appendEvent(EVENT, event(meta, at, by, reason, removed));
        for (Tag tag : pointing) {
            batch.check(tag.key(), existing -> existing != null && Arrays.equals(existing, tag.stored()));
            batch.deleteDocument(tag.key());
            model.indexesFedBy(model.require(DocumentRole.TAG).name())
                    .forEach(index -> batch.deleteIndex(index.definition(), index.rowOf(tag.doc())));
            batch.appendEvent(TAG_REMOVED_EVENT, tagRemoved(tag.doc(), at, by, reason));
        }
        try {
            batch.commit();
        } catch (ConflictException e) {
            throw new DomainException(ErrorCode.CONFLICT, "The artifact or its tags changed while being deleted; retry");
        }
        afterDelete.run();
        return new Deleted(key, meta, List.copyOf(removed));
    }

    /** Every tag of a package (a package has few; they are read in pages of 500). */
    List<Tag> tagsOf(String namespace, String name) {
        String prefix = compiled.config().model().require(DocumentRole.TAG).key()
                .prefix(Map.of("namespace", namespace, "name", name));
        List<Tag> tags = new ArrayList<>();
        if (prefix.isEmpty()) {
            return tags;
        }
        String cursor = null;
        do {
            KeyPage page = store.keys(prefix, cursor, 500);
            for (String tagKey : page.keys()) {
                store.get(tagKey).ifPresent(bytes -> tags.add(new Tag(tagKey, bytes, Json.parse(bytes))));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return tags;
    }

    private static JsonNode tagRemoved(JsonNode tag, String at, String by, String reason) {
        ObjectNode payload = Json.object();
        for (String field : List.of("namespace", "name", "tag", "target_key")) {
            payload.put(field, tag.path(field).asText(""));
        }
        payload.put("at", at);
        payload.put("by", by);
        payload.put("reason", reason);
        return payload;
    }

    private static JsonNode event(JsonNode meta, String at, String by, String reason, List<String> removedTags) {
        ObjectNode payload = Json.object();
        for (String field : List.of("namespace", "name", "version", "variant", "blob_digest")) {
            payload.put(field, meta.path(field).asText(""));
        }
        if (meta.has("blob_size")) {
            payload.set("blob_size", meta.get("blob_size"));
        }
        payload.put("at", at);
        payload.put("by", by);
        payload.put("reason", reason);
        removedTags.forEach(payload.putArray("removed_tags")::add);
        return payload;
    }
}
