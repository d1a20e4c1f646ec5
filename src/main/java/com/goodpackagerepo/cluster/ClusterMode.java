package com.goodpackagerepo.cluster;

/** How many servers share the repository's state. */
public enum ClusterMode {
    /** One server: its LMDB is the authority (the embedded default). */
    SINGLE,
    /** Several nodes: PostgreSQL is the authority, each node's LMDB a replica fed by the event log. */
    CLUSTER;

    /** Parses {@code single} or {@code cluster} (any case); anything else is a configuration error. */
    public static ClusterMode parse(String value) {
        String v = value == null ? "" : value.trim();
        for (ClusterMode mode : values()) {
            if (mode.name().equalsIgnoreCase(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("gpr.cluster.mode must be 'single' or 'cluster', not '" + v + "'");
    }
}
