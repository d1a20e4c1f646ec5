package com.goodpackagerepo.cluster;

import java.util.Optional;

/** Cluster settings for tests outside the server. */
public final class TestClusterSettings {
    private TestClusterSettings() {
    }

    public static ClusterSettings single() {
        ClusterSettings settings = new ClusterSettings();
        settings.mode = "single";
        settings.nodeId = Optional.empty();
        settings.dbKind = "h2";
        settings.httpPort = "9080";
        return settings;
    }
}
