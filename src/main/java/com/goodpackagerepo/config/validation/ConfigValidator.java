package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Validates a repository schema before it is imported or changed; an invalid one must be refused.
 *
 * <p>It runs, in order: the always-on structural checks ({@link CheckIds}); the checks the schema
 * declares under {@code validation.load_time_checks} and, decided statically,
 * {@code validation.runtime_checks} (see {@link DeclaredChecks}, {@link RequirementRegistry}); when those found
 * nothing, the document roles the features need ({@link DocumentRolesCheck}); and the invariants (see
 * {@link InvariantEvaluator}). Instances are stateless and thread-safe.
 */
public final class ConfigValidator {

    private static final List<SchemaCheck> STRUCTURAL_CHECKS = List.of(
            new RouteShapeCheck(),
            new RouteConflictCheck(),
            new ApplyPipelineShapeCheck(),
            new ReplicationApplyCheck(),
            new PipelineLimitCheck(),
            new OpArgsCheck(),
            new JsonSchemasCheck(),
            new BlobStoresCheck());
    private static final SchemaCheck ROLES = new DocumentRolesCheck();

    private final DeclaredChecks declaredChecks;
    private final InvariantEvaluator invariants = new InvariantEvaluator();

    /** A validator knowing the default requirements ({@link RequirementRegistry#defaults()}). */
    public ConfigValidator() {
        this(RequirementRegistry.defaults());
    }

    public ConfigValidator(RequirementRegistry registry) {
        this.declaredChecks = new DeclaredChecks(registry);
    }

    /** Validates {@code schema}; never throws for a malformed schema, it reports it. */
    public ValidationReport validate(JsonNode schema) {
        Violations violations = new Violations();
        if (schema == null || !schema.isObject()) {
            violations.add(CheckIds.SCHEMA_SHAPE, SchemaPaths.ROOT, "the schema must be a JSON object");
            return new ValidationReport(violations.list(), List.of());
        }
        for (SchemaCheck check : STRUCTURAL_CHECKS) {
            violations.guard(check.id(), SchemaPaths.ROOT, () -> check.run(schema, violations.forCheck(check.id())));
        }
        violations.guard(CheckIds.CHECK_SHAPE, "validation", () -> declaredChecks.run(schema, violations));
        if (violations.list().isEmpty()) {
            // Roles are looked for in a schema whose references resolve; a broken one would only echo them.
            violations.guard(ROLES.id(), SchemaPaths.ROOT, () -> ROLES.run(schema, violations.forCheck(ROLES.id())));
        }
        List<InvariantResult> results = invariants.evaluate(schema, violations);
        return new ValidationReport(violations.list(), results);
    }
}
