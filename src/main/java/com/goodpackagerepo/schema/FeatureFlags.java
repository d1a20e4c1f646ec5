package com.goodpackagerepo.schema;

import java.util.Map;

/**
 * The schema's {@code features}: the boolean flags features switch on, each with its default in one place.
 * A flag that is absent or not a boolean takes its default.
 *
 * @param declared the boolean flags as declared, by name
 */
public record FeatureFlags(Map<String, Boolean> declared) {

    /** Flag {@code name}, or {@code fallback}. */
    public boolean flag(String name, boolean fallback) {
        return declared.getOrDefault(name, fallback);
    }

    /** {@code mutable_tags}: whether a tag may be moved to another version (default true). */
    public boolean mutableTags() {
        return flag("mutable_tags", true);
    }

    /** {@code allow_overwrite_artifacts}: whether a published artifact may be published again (default false). */
    public boolean allowOverwriteArtifacts() {
        return flag("allow_overwrite_artifacts", false);
    }

    /** {@code proxy_enabled}: whether misses are fetched from upstreams (default true). */
    public boolean proxyEnabled() {
        return flag("proxy_enabled", true);
    }

    /** {@code gc_enabled}: whether garbage collection may run, with {@code gc.enabled} (default true). */
    public boolean gcEnabled() {
        return flag("gc_enabled", true);
    }
}
