package com.goodpackagerepo.config.validation;

/**
 * {@code all_entity_refs_exist: true}: every name used to refer to something declared elsewhere in
 * the schema resolves — from pipeline op arguments ({@link PipelineReferences}), from the declarations
 * themselves ({@link DeclarationReferences}) and from replication ({@link PipelineReferences#checkReplication}).
 */
final class EntityReferencesRequirement implements RequirementEvaluator {

    @Override
    public void evaluate(RequirementContext context) {
        if (!context.requireTrueArgument()) {
            return;
        }
        SchemaModel model = new SchemaModel(context.schema());
        Reporter reporter = context::report;
        PipelineReferences.checkOps(context.schema(), model, reporter);
        PipelineReferences.checkReplication(context.schema(), model, reporter);
        DeclarationReferences.check(context.schema(), model, reporter);
    }
}
