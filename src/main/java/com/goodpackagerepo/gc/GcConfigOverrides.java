package com.goodpackagerepo.gc;

import com.goodpackagerepo.schema.RepositorySchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Operator overrides of the schema's {@code gc} section (MP Config, e.g. env GPR_GC_RRULE): a schedule
 * ({@code gpr.gc.rrule}) and a grace window ({@code gpr.gc.grace-seconds}) other than the schema's, for tests
 * and for operators who must not change the shared schema.
 */
@ApplicationScoped
public class GcConfigOverrides {
    @Inject
    @ConfigProperty(name = "gpr.gc.rrule")
    Optional<String> rrule;

    @Inject
    @ConfigProperty(name = "gpr.gc.grace-seconds")
    Optional<Long> graceSeconds;

    public GcPolicy policy(RepositorySchema schema) {
        return GcPolicy.from(schema, rrule, graceSeconds);
    }
}
