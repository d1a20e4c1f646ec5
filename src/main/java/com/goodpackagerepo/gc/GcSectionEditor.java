package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;

/**
 * Admin changes to the schema's {@code gc} section: {@code enabled}, {@code retention.*}, {@code sweep.schedule.rrule}
 * and {@code sweep.sweep_unreferenced_after_seconds}. A change is a partial document merged into the current
 * section, checked field by field, then stored as a new configuration revision like every admin configuration
 * write (409 when the revision moved, a {@code config.changed} audit event); the scheduler re-plans at once.
 * {@code sweep.mark} is not editable here: it decides what counts as a reference, and changing it rebuilds the
 * reference index.
 */
@ApplicationScoped
public class GcSectionEditor {
    @Inject
    ConfigService configService;
    @Inject
    AuditLog audit;
    @Inject
    GcConfigOverrides settings;

    /** The stored {@code gc} section and the policy in force (MP Config overrides applied). */
    public ObjectNode describe(RepositoryConfig config) {
        ObjectNode body = Json.object();
        JsonNode gc = config.schema().path("gc");
        body.set("gc", gc.isObject() ? gc.deepCopy() : Json.object());
        GcPolicy policy = settings.policy(config.model());
        ObjectNode effective = body.putObject("effective");
        effective.put("enabled", policy.enabled());
        effective.put("rrule", policy.rrule());
        effective.put("grace_seconds", policy.graceSeconds());
        effective.put("keep_last_n_versions", policy.keepLastNVersions());
        effective.put("keep_tags_forever", policy.keepTagsForever());
        effective.put("immutable_after_publish", policy.immutableAfterPublish());
        return body;
    }

    public RepositoryConfig current() {
        return configService.current();
    }

    /** Merges {@code change} into {@code gc}; 400 {@code VALIDATION_ERROR} naming the first bad field. */
    public RepositoryConfig update(String by, Long ifMatch, JsonNode change) {
        validate(change);
        RepositoryConfig base = configService.current();
        JsonNode before = base.schema().path("gc").deepCopy();
        RepositoryConfig after = configService.update(ifMatch == null ? base.revision() : ifMatch, by,
                schema -> merge(schema.with("gc"), change));
        ObjectNode details = AuditLog.details();
        details.put("action", "update");
        details.put("section", "gc");
        details.put("revision", after.revision());
        details.set("before", before);
        details.set("after", after.schema().path("gc").deepCopy());
        audit.record("config.changed", by, details);
        return after;
    }

    static void validate(JsonNode change) {
        fields(change, "", Map.of("enabled", "boolean", "retention", "object", "sweep", "object"));
        fields(change.path("retention"), "retention.", Map.of("keep_last_n_versions", "count",
                "keep_tags_forever", "boolean", "immutable_after_publish", "boolean"));
        fields(change.path("sweep"), "sweep.", Map.of("schedule", "object",
                "sweep_unreferenced_after_seconds", "count"));
        fields(change.path("sweep").path("schedule"), "sweep.schedule.", Map.of("rrule", "rrule"));
    }

    private static void fields(JsonNode object, String path, Map<String, String> allowed) {
        if (object.isMissingNode()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = path + field.getKey();
            String kind = allowed.get(field.getKey());
            if (kind == null) {
                throw invalid("gc." + name + " cannot be changed here; editable: enabled, retention.{keep_last_n_versions,"
                        + " keep_tags_forever, immutable_after_publish}, sweep.schedule.rrule,"
                        + " sweep.sweep_unreferenced_after_seconds");
            }
            check(name, kind, field.getValue());
        }
    }

    private static void check(String name, String kind, JsonNode value) {
        switch (kind) {
            case "boolean" -> {
                if (!value.isBoolean()) {
                    throw invalid("gc." + name + " must be true or false");
                }
            }
            case "object" -> {
                if (!value.isObject()) {
                    throw invalid("gc." + name + " must be an object");
                }
            }
            case "count" -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asLong() < 0) {
                    throw invalid("gc." + name + " must be a whole number >= 0");
                }
            }
            case "rrule" -> {
                if (!value.isTextual()) {
                    throw invalid("gc." + name + " must be an RFC 5545 RRULE string (\"\" for no schedule)");
                }
                if (!value.asText().isBlank()) {
                    try {
                        GcRecurrence.parse(value.asText());
                    } catch (IllegalArgumentException e) {
                        throw invalid("gc." + name + ": " + e.getMessage());
                    }
                }
            }
            default -> throw new IllegalStateException(kind);
        }
    }

    private static void merge(ObjectNode target, JsonNode change) {
        change.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                merge(target.with(field.getKey()), field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_ERROR, message);
    }
}
