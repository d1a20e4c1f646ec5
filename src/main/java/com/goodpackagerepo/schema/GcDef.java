package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema's {@code gc} section as declared (the collector applies the operator's overrides on top).
 *
 * @param graceSeconds      {@code sweep.sweep_unreferenced_after_seconds}, null when not declared
 * @param keepLastNVersions 0 when not declared
 */
public record GcDef(boolean enabled, String rrule, Long graceSeconds, int keepLastNVersions, boolean keepTagsForever,
                    boolean immutableAfterPublish, List<String> markSources, List<BlobMark> markBlobsBy) {

    /** Reads {@code gc}; anything missing or malformed takes its default. */
    public static GcDef read(JsonNode gc) {
        JsonNode retention = gc.path("retention");
        JsonNode sweep = gc.path("sweep");
        JsonNode grace = sweep.path("sweep_unreferenced_after_seconds");
        List<BlobMark> marks = new ArrayList<>();
        for (String entry : RepositorySchema.texts(sweep.path("mark").path("mark_blobs_by"))) {
            int dot = entry.indexOf('.');
            if (dot > 0 && dot < entry.length() - 1) {
                marks.add(new BlobMark(entry.substring(0, dot), entry.substring(dot + 1)));
            }
        }
        return new GcDef(gc.path("enabled").asBoolean(false), sweep.path("schedule").path("rrule").asText(""),
                grace.canConvertToLong() ? grace.asLong() : null, retention.path("keep_last_n_versions").asInt(0),
                retention.path("keep_tags_forever").asBoolean(true),
                retention.path("immutable_after_publish").asBoolean(false),
                RepositorySchema.texts(sweep.path("mark").path("sources")), List.copyOf(marks));
    }
}
