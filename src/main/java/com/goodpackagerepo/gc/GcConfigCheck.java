package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCompiler;
import com.goodpackagerepo.config.InvalidConfigException;
import com.goodpackagerepo.schema.RepositorySchema;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses, at load time, a {@code gc.sweep.schedule.rrule} that cannot be parsed (rather than never running). */
@ApplicationScoped
public class GcConfigCheck implements ConfigCompiler {
    static final String PATH = "gc.sweep.schedule.rrule";

    @Override
    public void check(JsonNode schema) {
        String rrule = RepositorySchema.read(schema).gc().rrule();
        if (rrule.isBlank()) {
            return;
        }
        try {
            GcRecurrence.parse(rrule);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("val.gc_schedule at " + PATH + ": " + e.getMessage());
        }
    }
}
