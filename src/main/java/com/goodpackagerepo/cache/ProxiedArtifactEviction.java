package com.goodpackagerepo.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.IndexDef;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Removes one evicted blob's proxied artifacts: their artifact-metadata documents and the rows of every
 * index built from that document, in one atomic metadata write; then the blob file (only when no locally
 * published artifact references the digest, no stored document does and no publish holds it) and response-cache
 * entries pointing at it. Each removed artifact gets an {@code artifact.evicted} event (declared in the schema, with
 * the apply pipeline replicas run to remove it too). A document that is
 * no longer a proxied copy of that digest is left alone. An evicted artifact is simply fetched again.
 */
@ApplicationScoped
public class ProxiedArtifactEviction {
    @Inject
    Stores stores;
    @Inject
    CompiledConfigHolder compiled;
    @Inject
    ResponseCache responseCache;

    static final String EVICTED_EVENT = "artifact.evicted";

    void evict(BlobCacheIndex.Entry victim, boolean deleteBlob) {
        CompiledConfig config = compiled.current();
        RepositorySchema model = config.config().model();
        List<IndexDef> indexes = model.indexesFedBy(model.require(DocumentRole.ARTIFACT_METADATA).name());
        WriteBatch batch = stores.metadata().newBatch();
        String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (String key : victim.keys()) {
            JsonNode meta = stores.metadata().get(key).map(Json::parse).orElse(null);
            if (meta == null || !meta.path("created_by").asText("").startsWith(BlobCache.PROXY_CREATOR)
                    || !victim.digest().equals(meta.path("blob_digest").asText())) {
                continue;
            }
            batch.deleteDocument(key);
            indexes.forEach(index -> batch.deleteIndex(index.definition(), index.rowOf(meta)));
            batch.appendEvent(EVICTED_EVENT, evicted(meta, at));
        }
        batch.commit();
        responseCache.invalidateBlob(victim.digest());
        if (deleteBlob) {
            // the index's view of what is published is this node's; the store's references are every node's
            // (cluster mode: PostgreSQL), and a filesystem sweep also skips a digest another publish (on any node:
            // shared leases) is writing right now, so a blob that is or is about to be referenced is never deleted
            stores.blobRoots().keySet().forEach(store -> {
                try {
                    BlobStore blobs = stores.blobStore(store);
                    if (blobs instanceof FilesystemBlobStore files) {
                        files.sweep(victim.digest(), Instant.now(), stores.metadata()::blobReferenced, false);
                    } else if (!stores.metadata().blobReferenced(victim.digest())) {
                        blobs.delete(victim.digest());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static JsonNode evicted(JsonNode meta, String at) {
        ObjectNode payload = Json.object();
        for (String field : List.of("namespace", "name", "version", "variant", "blob_digest")) {
            payload.put(field, meta.path(field).asText(""));
        }
        payload.put("at", at);
        return payload;
    }
}
