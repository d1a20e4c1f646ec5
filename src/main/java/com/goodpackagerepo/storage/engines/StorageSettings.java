package com.goodpackagerepo.storage.engines;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where data lives. {@code gpr.data.dir} (env GPR_DATA_DIR) is the server's data directory; store roots
 * in the schema that start with {@code /data} name that directory (in a container, the volume at /data).
 */
@ApplicationScoped
public class StorageSettings {
    static final String LOGICAL_DATA_ROOT = "/data";

    @Inject
    @ConfigProperty(name = "gpr.data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "gpr.lmdb.map-size.initial", defaultValue = "268435456")
    long lmdbInitialMapSize;

    @Inject
    @ConfigProperty(name = "gpr.lmdb.map-size.max", defaultValue = "1099511627776")
    long lmdbMaxMapSize;

    /** How often a cluster node looks for new log entries when idle (ms). */
    @Inject
    @ConfigProperty(name = "gpr.cluster.poll-ms", defaultValue = "50")
    long clusterPollMillis;

    /**
     * Blobs of at most this many bytes, published inside a transaction, are stored in the single-node metadata
     * store with their documents (one sync per small publish); 0 turns it off.
     */
    @Inject
    @ConfigProperty(name = "gpr.blobs.inline-max-bytes", defaultValue = "65536")
    long inlineMaxBytes;

    /**
     * Bytes of small blobs (up to 64 KiB each) a cluster node keeps in memory after serving them, least recently
     * used first out; 0 turns it off. Single nodes keep small blobs in LMDB instead.
     */
    @Inject
    @ConfigProperty(name = "gpr.blobs.small-blob-memory-bytes", defaultValue = "33554432")
    long smallBlobMemoryBytes;

    public long smallBlobMemoryBytes() {
        return Math.max(0, smallBlobMemoryBytes);
    }

    public long inlineMaxBytes() {
        return Math.max(0, inlineMaxBytes);
    }

    public long clusterPollMillis() {
        return clusterPollMillis;
    }

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** A store root from the schema, resolved against the data directory. */
    public Path resolveRoot(String root) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("store root is empty");
        }
        if (root.equals(LOGICAL_DATA_ROOT) || root.startsWith(LOGICAL_DATA_ROOT + "/")) {
            String rest = root.substring(LOGICAL_DATA_ROOT.length()).replaceFirst("^/+", "");
            return dataDir().resolve(rest).normalize();
        }
        Path path = Path.of(root);
        return (path.isAbsolute() ? path : dataDir().resolve(path)).normalize();
    }

    public long lmdbInitialMapSize() {
        return lmdbInitialMapSize;
    }

    public long lmdbMaxMapSize() {
        return lmdbMaxMapSize;
    }
}
