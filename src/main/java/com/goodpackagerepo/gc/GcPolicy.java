package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The schema's {@code gc} section as the collector uses it, with the operator's MP Config overrides applied
 * ({@code gpr.gc.rrule}, {@code gpr.gc.grace-seconds}). Collection is on when {@code gc.enabled} is true and the
 * feature flag {@code features.gc_enabled} (the admin UI's switch) is not false.
 *
 * @param keepLastNVersions 0 or less: retention by count is off
 */
public record GcPolicy(boolean enabled, String rrule, long graceSeconds, int keepLastNVersions,
                       boolean keepTagsForever, boolean immutableAfterPublish) {

    static final long DEFAULT_GRACE_SECONDS = 604_800;

    public static GcPolicy from(JsonNode schema, Optional<String> rruleOverride, Optional<Long> graceOverride) {
        JsonNode gc = schema.path("gc");
        JsonNode retention = gc.path("retention");
        JsonNode sweep = gc.path("sweep");
        String rrule = rruleOverride.filter(r -> !r.isBlank())
                .orElse(sweep.path("schedule").path("rrule").asText(""));
        long grace = graceOverride.orElse(sweep.path("sweep_unreferenced_after_seconds").asLong(DEFAULT_GRACE_SECONDS));
        boolean enabled = gc.path("enabled").asBoolean(false)
                && schema.path("features").path("gc_enabled").asBoolean(true);
        return new GcPolicy(enabled, rrule, Math.max(0, grace),
                retention.path("keep_last_n_versions").asInt(0), retention.path("keep_tags_forever").asBoolean(true),
                retention.path("immutable_after_publish").asBoolean(false));
    }

    /** Only the schema, no overrides (the publish path reads {@code immutable_after_publish} this way). */
    public static GcPolicy from(JsonNode schema) {
        return from(schema, Optional.empty(), Optional.empty());
    }
}
