package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCompiler;
import com.goodpackagerepo.config.InvalidConfigException;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses, at load time, a {@code gc.sweep.schedule.rrule} that cannot be parsed (rather than never running). */
@ApplicationScoped
public class GcConfigCheck implements ConfigCompiler {
    static final String PATH = "gc.sweep.schedule.rrule";

    @Override
    public void check(JsonNode schema) {
        JsonNode rrule = schema.path("gc").path("sweep").path("schedule").path("rrule");
        if (rrule.isMissingNode() || rrule.asText().isBlank()) {
            return;
        }
        try {
            GcRecurrence.parse(rrule.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("val.gc_schedule at " + PATH + ": " + e.getMessage());
        }
    }
}
