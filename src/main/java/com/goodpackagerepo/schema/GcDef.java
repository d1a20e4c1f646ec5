package com.goodpackagerepo.schema;

import java.util.List;

/**
 * The schema's {@code gc} section as declared (the collector applies the operator's overrides on top).
 *
 * @param graceSeconds     {@code sweep.sweep_unreferenced_after_seconds}, null when not declared
 * @param keepLastNVersions 0 when not declared
 */
public record GcDef(boolean enabled, String rrule, Long graceSeconds, int keepLastNVersions, boolean keepTagsForever,
                    boolean immutableAfterPublish, List<String> markSources, List<BlobMark> markBlobsBy) {
}
