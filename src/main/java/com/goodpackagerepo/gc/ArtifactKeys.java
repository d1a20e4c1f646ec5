package com.goodpackagerepo.gc;

/**
 * Keys of the collector's own documents: tombstones of deleted artifacts and run records. (Artifact and tag keys
 * are rendered from the schema model's {@link com.goodpackagerepo.schema.KeyTemplate}s.)
 */
public final class ArtifactKeys {
    /** A deleted artifact's key under this prefix keeps its digest: {@code tombstone/artifact/ns/name/1.0.0/x}. */
    public static final String TOMBSTONE_PREFIX = "tombstone/";
    static final String RUN_PREFIX = "gcrun/";

    private ArtifactKeys() {
    }

    public static String tombstone(String artifactKey) {
        return TOMBSTONE_PREFIX + artifactKey;
    }
}
