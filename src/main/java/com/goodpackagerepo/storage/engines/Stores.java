package com.goodpackagerepo.storage.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Owns the storage engines of the process: one LMDB environment for documents, indexes and events, and
 * one filesystem blob store per configured blob store (rebuilt when its root or layout changes).
 */
@ApplicationScoped
public class Stores {
    private static final Logger LOG = Logger.getLogger(Stores.class.getName());
    private static final String KV_STORE = "meta";
    private static final String S3_KIND = "s3";

    @Inject
    StorageSettings settings;

    @Inject
    S3Settings s3Settings;

    private volatile LmdbMetadataStore metadata;
    private final Map<String, BlobStoreEntry> blobStores = new ConcurrentHashMap<>();

    /** Opens the metadata store at the root of kv store "meta" (or the first kv store) on first use. */
    public MetadataStore metadata() {
        LmdbMetadataStore store = metadata;
        if (store == null) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "Metadata store is not open");
        }
        return store;
    }

    public boolean metadataOpen() {
        return metadata != null;
    }

    public BlobStore blobStore(String name) {
        BlobStoreEntry entry = blobStores.get(name);
        if (entry == null) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Unknown blob store " + name);
        }
        return entry.store();
    }

    /** Blob store name → its directory (for an S3 store, the local directory its uploads are staged in). */
    public Map<String, Path> blobRoots() {
        Map<String, Path> roots = new java.util.LinkedHashMap<>();
        blobStores.forEach((name, entry) -> roots.put(name, entry.root()));
        return roots;
    }

    synchronized void onConfig(@Observes RepositoryConfig config) {
        if (metadata == null) {
            Path dir = metadataRoot(config.schema());
            metadata = new LmdbMetadataStore(dir, settings.lmdbInitialMapSize(), settings.lmdbMaxMapSize(),
                    MarkRules.blobReferences(config.model()));
            LOG.info(() -> "metadata store (LMDB) open at " + dir);
        } else {
            metadata.useBlobReferences(MarkRules.blobReferences(config.model()));
        }
        config.schema().path("storage").path("blob_stores").fields().forEachRemaining(e -> {
            if (S3_KIND.equals(e.getValue().path("kind").asText())) {
                openS3(e.getKey(), e.getValue());
                return;
            }
            Path root = settings.resolveRoot(e.getValue().path("root").asText());
            String template = e.getValue().path("addressing").path("path_template").asText("sha256/{digest:0:2}/{digest}");
            BlobStoreEntry existing = blobStores.get(e.getKey());
            if (existing == null || !existing.root().equals(root) || !existing.template().equals(template)) {
                blobStores.put(e.getKey(), new BlobStoreEntry(root, template, new FilesystemBlobStore(root, template)));
                LOG.info(() -> "blob store " + e.getKey() + " at " + root + " (" + template + ")");
            }
        });
        blobStores.keySet().retainAll(iterable(config.schema().path("storage").path("blob_stores").fieldNames()));
    }

    /**
     * An S3 blob store: the definition decides the bucket and key layout, {@code staging_root} (default
     * /data/s3-staging/NAME) the local directory uploads stream into before they are verified and uploaded.
     */
    private void openS3(String name, JsonNode def) {
        Path staging = settings.resolveRoot(def.path("staging_root").asText("/data/s3-staging/" + name));
        String identity = def.toString();
        BlobStoreEntry existing = blobStores.get(name);
        if (existing == null || !existing.root().equals(staging) || !existing.template().equals(identity)) {
            blobStores.put(name, new BlobStoreEntry(staging, identity,
                    S3StoreOpener.open(def, staging, s3Settings.credentials(name), s3Settings.policy())));
            LOG.info(() -> "blob store " + name + " in S3 bucket " + def.path("bucket").asText() + " (staging "
                    + staging + ")");
        }
    }

    /** The directory of the metadata store: the root of kv store "meta" (or of the first kv store). */
    public Path metadataRoot(JsonNode schema) {
        JsonNode kvStores = schema.path("storage").path("kv_stores");
        JsonNode kv = kvStores.has(KV_STORE) ? kvStores.get(KV_STORE) : kvStores.elements().next();
        return settings.resolveRoot(kv.path("root").asText("/data/meta"));
    }

    /**
     * Blob store name → its directory, for a schema that may not be the current one (backup, restore); S3 stores
     * are left out (their objects stay in the bucket).
     */
    public Map<String, Path> blobRoots(JsonNode schema) {
        Map<String, Path> roots = new java.util.LinkedHashMap<>();
        schema.path("storage").path("blob_stores").fields().forEachRemaining(e -> {
            if (!S3_KIND.equals(e.getValue().path("kind").asText())) { // objects in a bucket are not files to copy
                roots.put(e.getKey(), settings.resolveRoot(e.getValue().path("root").asText()));
            }
        });
        return roots;
    }

    @PreDestroy
    synchronized void close() {
        if (metadata != null) {
            metadata.close();
            metadata = null;
        }
    }

    private static java.util.Set<String> iterable(java.util.Iterator<String> names) {
        java.util.Set<String> set = new java.util.HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private record BlobStoreEntry(Path root, String template, BlobStore store) {
    }
}
