package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The schema's {@code entities.versioning} settings block.
 *
 * @param ordering            {@code ordering}: "semver" (the default) sorts versions by semantic version
 * @param latestPolicyEnabled {@code latest_policy.enabled} (default true)
 * @param excludePrerelease   {@code latest_policy.exclude_prerelease} (default true)
 */
public record VersioningDef(String ordering, boolean latestPolicyEnabled, boolean excludePrerelease) {

    /** Reads {@code entities.versioning}; anything missing takes its default. */
    static VersioningDef read(JsonNode versioning) {
        JsonNode latest = versioning.path("latest_policy");
        return new VersioningDef(versioning.path("ordering").asText("semver"), latest.path("enabled").asBoolean(true),
                latest.path("exclude_prerelease").asBoolean(true));
    }

    /** Whether "latest" skips prerelease versions. */
    public boolean latestExcludesPrerelease() {
        return latestPolicyEnabled && excludePrerelease;
    }

    public boolean semverOrdering() {
        return "semver".equals(ordering);
    }
}
