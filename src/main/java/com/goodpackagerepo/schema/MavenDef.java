package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema's {@code maven} section (docs/maven.md): the repositories under {@code /maven/} and the routes a
 * deploy and a download run. A schema without it gets {@code releases} and {@code snapshots} run through
 * {@code publish_artifact_blob} and {@code fetch_artifact_blob}. Read leniently like the rest of the model;
 * {@code maven.MavenSettings} refuses a malformed section at load time, naming the path.
 */
public record MavenDef(Map<String, Repository> repositories, String publishRoute, String fetchRoute) {
    public static final String DEFAULT_PUBLISH_ROUTE = "publish_artifact_blob";
    public static final String DEFAULT_FETCH_ROUTE = "fetch_artifact_blob";

    /**
     * One of {@code maven.repositories}.
     *
     * @param snapshots          {@code policy} is "snapshot" (default "release")
     * @param redeploy           {@code redeploy}; defaults to {@code snapshots}
     * @param keepSnapshotBuilds {@code keep_snapshot_builds}; defaults to 10 for snapshots, 0 (all) otherwise
     * @param upstream           {@code upstream}, or null
     */
    public record Repository(String name, boolean snapshots, boolean redeploy, int keepSnapshotBuilds,
                             String upstream) {
    }

    /** Reads {@code maven}; anything missing takes its default. */
    static MavenDef read(JsonNode maven) {
        Map<String, Repository> repositories = new LinkedHashMap<>();
        JsonNode repos = maven.path("repositories");
        if (repos.isMissingNode()) {
            repositories.put("releases", new Repository("releases", false, false, 0, null));
            repositories.put("snapshots", new Repository("snapshots", true, true, 10, null));
        }
        repos.fields().forEachRemaining(e -> {
            JsonNode node = e.getValue();
            boolean snapshots = "snapshot".equals(text(node, "policy", "release"));
            repositories.put(e.getKey(), new Repository(e.getKey(), snapshots,
                    node.path("redeploy").asBoolean(snapshots), node.path("keep_snapshot_builds").asInt(snapshots ? 10 : 0),
                    text(node, "upstream", null)));
        });
        return new MavenDef(Collections.unmodifiableMap(repositories),
                text(maven, "publish_route", DEFAULT_PUBLISH_ROUTE), text(maven, "fetch_route", DEFAULT_FETCH_ROUTE));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? fallback : value.asText();
    }
}
