package com.goodpackagerepo.gc;

import com.goodpackagerepo.schema.GcDef;
import com.goodpackagerepo.schema.RepositorySchema;
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

    public static GcPolicy from(RepositorySchema schema, Optional<String> rruleOverride, Optional<Long> graceOverride) {
        GcDef gc = schema.gc();
        String rrule = rruleOverride.filter(r -> !r.isBlank()).orElse(gc.rrule());
        long grace = graceOverride.orElse(gc.graceSeconds() == null ? DEFAULT_GRACE_SECONDS : gc.graceSeconds());
        boolean enabled = gc.enabled() && schema.features().gcEnabled();
        return new GcPolicy(enabled, rrule, Math.max(0, grace), gc.keepLastNVersions(), gc.keepTagsForever(),
                gc.immutableAfterPublish());
    }

    /** Only the schema, no overrides (the publish path reads {@code immutable_after_publish} this way). */
    public static GcPolicy from(RepositorySchema schema) {
        return from(schema, Optional.empty(), Optional.empty());
    }
}
