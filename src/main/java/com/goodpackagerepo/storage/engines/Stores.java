package com.goodpackagerepo.storage.engines;

import com.goodpackagerepo.cluster.ClusterSettings;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.schema.BlobStoreDef;
import com.goodpackagerepo.schema.KvStoreDef;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.ReplicaApplier;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.blob.S3ReadCache;
import com.goodpackagerepo.storage.blob.SmallBlobMemory;
import com.goodpackagerepo.storage.cluster.ClusterMetadataStore;
import com.goodpackagerepo.storage.cluster.ClusterNotifications;
import com.goodpackagerepo.storage.cluster.PgBlobLeases;
import com.goodpackagerepo.storage.cluster.PipelineApply;
import com.goodpackagerepo.storage.cluster.ReplicaLag;
import com.goodpackagerepo.storage.cluster.SingletonLock;
import com.goodpackagerepo.storage.event.ReplicatedEvents;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Owns the storage engines of the process: one LMDB environment for documents, indexes and events, and
 * one filesystem blob store per configured blob store (rebuilt when its root or layout changes). In cluster mode
 * the metadata store is a {@link ClusterMetadataStore}: PostgreSQL (the non-JTA data source
 * {@value #CLUSTER_DATA_SOURCE}) is the authority and the LMDB environment its replica on this node.
 */
@ApplicationScoped
public class Stores {
    private static final Logger LOG = Logger.getLogger(Stores.class.getName());
    static final String CLUSTER_DATA_SOURCE = "jdbc/gpr-cluster";
    /** Longer than any publish transaction (gpr.txn.timeout.seconds defaults to one hour). */
    private static final Duration BLOB_LEASE_TTL = Duration.ofHours(2);
    /** The largest blob a cluster node keeps in memory after serving it (the single node's inline limit). */
    private static final long SMALL_BLOB_BYTES = 65_536;

    @Inject
    StorageSettings settings;

    @Inject
    S3Settings s3Settings;

    @Inject
    ClusterSettings cluster;

    /** Other nodes' events, once this node's replica holds them (cluster mode). */
    @Inject
    Event<ReplicatedEvents> replicated;

    @Inject
    ClusterNotifications notifications;

    /** Runs the schema's apply pipelines for the tailed entries (cluster mode); none outside the server. */
    @Inject
    Instance<ReplicaApplier> appliers;

    private volatile MetadataStore metadata;
    private final Map<String, BlobStoreEntry> blobStores = new ConcurrentHashMap<>();

    /** Opens the metadata store at the root of kv store "meta" (or the first kv store) on first use. */
    public MetadataStore metadata() {
        MetadataStore store = metadata;
        if (store == null) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "Metadata store is not open");
        }
        return store;
    }

    public boolean metadataOpen() {
        return metadata != null;
    }

    /** How this node applied other nodes' log entries (by pipeline, by write-set) in cluster mode; else empty. */
    public Optional<PipelineApply.ReplicaApplyCounts> replicaApplyCounts() {
        return metadata instanceof ClusterMetadataStore clustered
                ? Optional.of(clustered.replicator().pipelineApply().counts()) : Optional.empty();
    }

    /** This node's replica figures in cluster mode; empty in single mode (or before the store is open). */
    public Optional<ReplicaLag> replicaLag() {
        return metadata instanceof ClusterMetadataStore clustered ? Optional.of(clustered.lag()) : Optional.empty();
    }

    /** Every cluster node's last reported figures; empty in single mode. */
    public java.util.List<com.goodpackagerepo.storage.cluster.ClusterReplicator.NodeReport> clusterNodes() {
        if (!(metadata instanceof ClusterMetadataStore clustered)) {
            return java.util.List.of();
        }
        try {
            return clustered.replicator().nodes();
        } catch (java.sql.SQLException e) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "The cluster database cannot list the nodes: " + e.getMessage());
        }
    }

    public boolean clustered() {
        return metadata instanceof ClusterMetadataStore;
    }

    /**
     * The right to run {@code job} now: in cluster mode a PostgreSQL advisory lock (empty while another node runs
     * the job), in single mode always granted. Close it when the job ends.
     */
    public Optional<SingletonLock> singleton(String job) {
        return metadata instanceof ClusterMetadataStore ? SingletonLock.tryAcquire(clusterDataSource, job)
                : Optional.of(SingletonLock.local());
    }

    /** This node's id in cluster mode. */
    public String nodeId() {
        return cluster.nodeId();
    }

    /** The cluster store's data source in cluster mode (singleton locks, blob leases); empty in single mode. */
    public Optional<javax.sql.DataSource> clusterDataSource() {
        return metadata instanceof ClusterMetadataStore ? Optional.of(clusterDataSource) : Optional.empty();
    }

    private javax.sql.DataSource clusterDataSource;

    /**
     * The largest blob a publish into store {@code name} may commit into the metadata store with its documents:
     * {@code gpr.blobs.inline-max-bytes} for a filesystem store on a single node, else 0 (cluster nodes and S3
     * stores keep every blob in the blob store).
     */
    public long inlineMaxBytes(String name) {
        BlobStoreEntry entry = blobStores.get(name);
        return entry != null && entry.store() instanceof FilesystemBlobStore fs && fs.inline() != null
                ? settings.inlineMaxBytes() : 0;
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
            Path dir = metadataRoot(config.model());
            var rules = MarkRules.blobReferences(config.model());
            LmdbMetadataStore lmdb = new LmdbMetadataStore(dir, settings.lmdbInitialMapSize(), settings.lmdbMaxMapSize(), rules);
            if (cluster.clustered()) {
                try {
                    clusterDataSource = (javax.sql.DataSource) new javax.naming.InitialContext().lookup(CLUSTER_DATA_SOURCE);
                    ClusterMetadataStore clustered = new ClusterMetadataStore(lmdb, clusterDataSource, cluster.nodeId(),
                            rules, Duration.ofMillis(settings.clusterPollMillis()));
                    if (replicated != null) {
                        clustered.replicator().onTailed(events -> replicated.fire(new ReplicatedEvents(events)));
                    }
                    if (appliers != null && appliers.isResolvable()) {
                        clustered.replicator().pipelineApply().applier(appliers.get());
                    }
                    // its own entries are applied by the writers (applyOwn): only other nodes' entries wake the tail
                    notifications.subscribe(ClusterNotifications.LOG_CHANNEL, cluster.nodeId(), true,
                            clustered.replicator()::wake);
                    metadata = clustered.start();
                } catch (javax.naming.NamingException | RuntimeException e) {
                    lmdb.close();
                    throw new IllegalStateException("cluster mode: cannot open the cluster store on " + CLUSTER_DATA_SOURCE
                            + ": " + e.getMessage(), e);
                }
                LOG.info(() -> "metadata store: cluster node " + cluster.nodeId() + ", PostgreSQL authority, LMDB replica at " + dir);
            } else {
                metadata = lmdb;
                LOG.info(() -> "metadata store (LMDB) open at " + dir);
            }
        } else {
            metadata.useBlobReferences(MarkRules.blobReferences(config.model()));
        }
        for (BlobStoreDef def : config.model().blobStores().values()) {
            if (def.isS3()) {
                openS3(def);
                continue;
            }
            Path root = fileRoot(def);
            String template = def.pathTemplate();
            BlobStoreEntry existing = blobStores.get(def.name());
            if (existing == null || !existing.root().equals(root) || !existing.identity().equals(template)) {
                FilesystemBlobStore blobs = new FilesystemBlobStore(root, template);
                if (metadata instanceof LmdbMetadataStore single) {
                    // single node: every filesystem store also serves the small blobs committed into LMDB
                    blobs.useInline(single.inlineBlobs());
                }
                if (metadata instanceof ClusterMetadataStore) {
                    // every node shares this directory: leases and sweeps are ordered through PostgreSQL
                    blobs.useSharedLeases(new PgBlobLeases(clusterDataSource, cluster.nodeId(), BLOB_LEASE_TTL));
                    if (settings.smallBlobMemoryBytes() > 0) {
                        // a single node reads small blobs from LMDB; a cluster node's are files: keep them in memory
                        blobs.useSmallBlobMemory(new SmallBlobMemory(settings.smallBlobMemoryBytes(),
                                SMALL_BLOB_BYTES));
                    }
                }
                blobStores.put(def.name(), new BlobStoreEntry(root, template, blobs));
                LOG.info(() -> "blob store " + def.name() + " at " + root + " (" + template + ")");
            }
        }
        blobStores.keySet().retainAll(config.model().blobStores().keySet());
    }

    /**
     * An S3 blob store: the definition decides the bucket and key layout, {@code staging_root} (default
     * /data/s3-staging/NAME) the local directory uploads stream into before they are verified and uploaded.
     */
    private void openS3(BlobStoreDef def) {
        String name = def.name();
        Path staging = settings.resolveRoot(def.s3().stagingRoot());
        BlobStoreEntry existing = blobStores.get(name);
        if (existing == null || !existing.root().equals(staging) || !existing.identity().equals(def)) {
            S3BlobStore store = S3StoreOpener.open(def, staging, s3Settings.credentials(name), s3Settings.policy());
            if (metadata instanceof ClusterMetadataStore) {
                // every node shares the bucket: leases and sweeps are ordered through PostgreSQL, as for a directory
                store.useSharedLeases(new PgBlobLeases(clusterDataSource, cluster.nodeId(), BLOB_LEASE_TTL));
            }
            if (s3Settings.cacheMaxBytes() > 0) {
                Path cacheDir = settings.resolveRoot("/data/s3-cache/" + name);
                try {
                    store.useReadCache(new S3ReadCache(cacheDir, s3Settings.cacheMaxBytes(),
                            s3Settings.cacheMaxObjectBytes()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot open the S3 read cache at " + cacheDir, e);
                }
            }
            blobStores.put(name, new BlobStoreEntry(staging, def, store));
            LOG.info(() -> "blob store " + name + " in S3 bucket " + def.s3().bucket() + " (staging "
                    + staging + (store.readCache().isPresent() ? ", read cache " + s3Settings.cacheMaxBytes()
                    + " bytes" : "") + ")");
        }
    }

    /**
     * The S3 blob stores of a schema that may not be the current one (backup, restore): the open store when its
     * definition is current, else one opened for the caller.
     */
    public Map<String, S3BlobStore> s3Stores(RepositorySchema schema) {
        Map<String, S3BlobStore> found = new java.util.LinkedHashMap<>();
        for (BlobStoreDef def : schema.blobStores().values()) {
            if (!def.isS3()) {
                continue;
            }
            BlobStoreEntry open = blobStores.get(def.name());
            if (open != null && open.identity().equals(def) && open.store() instanceof S3BlobStore s3) {
                found.put(def.name(), s3);
            } else {
                found.put(def.name(), S3StoreOpener.open(def, settings.resolveRoot(def.s3().stagingRoot()),
                        s3Settings.credentials(def.name()), s3Settings.policy()));
            }
        }
        return found;
    }

    /** The directory of the metadata store: the root of {@link RepositorySchema#metadataStore()}. */
    public Path metadataRoot(RepositorySchema schema) {
        KvStoreDef kv = schema.metadataStore().orElseThrow(() ->
                new IllegalStateException("the schema declares no storage.kv_stores"));
        return settings.resolveRoot(kv.root() == null ? "/data/meta" : kv.root());
    }

    /**
     * Blob store name → its directory, for a schema that may not be the current one (backup, restore); S3 stores
     * are left out (their objects stay in the bucket).
     */
    public Map<String, Path> blobRoots(RepositorySchema schema) {
        Map<String, Path> roots = new java.util.LinkedHashMap<>();
        for (BlobStoreDef def : schema.blobStores().values()) {
            if (!def.isS3()) { // objects in a bucket are not files to copy
                roots.put(def.name(), fileRoot(def));
            }
        }
        return roots;
    }

    private Path fileRoot(BlobStoreDef def) {
        return settings.resolveRoot(def.root() == null ? "" : def.root());
    }

    @PreDestroy
    synchronized void close() {
        if (metadata != null) {
            metadata.close();
            metadata = null;
        }
    }

    /** @param identity what opened it: a directory store's path template, an S3 store's whole definition */
    private record BlobStoreEntry(Path root, Object identity, BlobStore store) {
    }
}
