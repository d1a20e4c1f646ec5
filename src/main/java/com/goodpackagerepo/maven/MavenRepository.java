package com.goodpackagerepo.maven;

/**
 * One repository under {@code /maven/{name}/}, read from {@code maven.repositories.<name>}.
 *
 * @param snapshots          true: a snapshot repository (only {@code -SNAPSHOT} versions); false: releases only
 * @param redeploy           whether a file that exists may be deployed again (replaced); snapshots default to true
 * @param keepSnapshotBuilds timestamped builds kept per snapshot version by GC retention (0: all)
 * @param upstream           an {@code upstreams} entry of the same layout to fetch misses from, or null
 */
public record MavenRepository(String name, boolean snapshots, boolean redeploy, int keepSnapshotBuilds,
                              String upstream) {

    /** Whether {@code version} (a directory's base version) belongs in this repository. */
    public boolean accepts(String baseVersion) {
        return MavenPath.isSnapshot(baseVersion) == snapshots;
    }
}
