package com.goodpackagerepo.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.route.CompiledConfig;
import com.goodpackagerepo.pipeline.route.CompiledConfigHolder;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes one evicted blob's proxied artifacts: their {@code artifact_meta} documents and the rows of every
 * index built from that document, in one atomic metadata write; then the blob file (only when no locally
 * published artifact references the digest) and response-cache entries pointing at it. A document that is
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

    void evict(BlobCacheIndex.Entry victim, boolean deleteBlob) {
        CompiledConfig config = compiled.current();
        List<String> indexes = new ArrayList<>();
        config.config().schema().path("indexes").fields().forEachRemaining(e -> {
            if (BlobCache.ARTIFACT_DOC.equals(e.getValue().path("source_document").asText())) {
                indexes.add(e.getKey());
            }
        });
        WriteBatch batch = stores.metadata().newBatch();
        for (String key : victim.keys()) {
            JsonNode meta = stores.metadata().get(key).map(Json::parse).orElse(null);
            if (meta == null || !meta.path("created_by").asText("").startsWith(BlobCache.PROXY_CREATOR)
                    || !victim.digest().equals(meta.path("blob_digest").asText())) {
                continue;
            }
            batch.deleteDocument(key);
            indexes.forEach(name -> batch.deleteIndex(config.index(name), meta));
        }
        batch.commit();
        responseCache.invalidateBlob(victim.digest());
        if (deleteBlob) {
            stores.blobRoots().keySet().forEach(store -> {
                try {
                    stores.blobStore(store).delete(victim.digest());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
