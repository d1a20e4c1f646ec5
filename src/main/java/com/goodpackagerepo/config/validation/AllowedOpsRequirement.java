package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.schema.op.OpSpecs;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code pipelines_only_use_ops_in: "ops.allowed"}: the named list holds only ops this server
 * implements ({@link com.goodpackagerepo.schema.op.OpSpecs}), and every op of every route and apply pipeline is in it. An op
 * outside the list is reported at its {@code .op}, e.g. {@code api.routes[3].pipeline[2].op}.
 */
final class AllowedOpsRequirement implements RequirementEvaluator {

    @Override
    public void evaluate(RequirementContext context) {
        if (!context.argument().isTextual()) {
            context.report(context.argumentPath(), "must be the path of the allowed-ops list, e.g. \"ops.allowed\"");
            return;
        }
        String listPath = context.argument().asText();
        JsonNode list;
        try {
            list = SchemaPaths.resolve(context.schema(), listPath);
        } catch (IllegalArgumentException e) {
            context.report(context.argumentPath(), e.getMessage());
            return;
        }
        if (!list.isArray()) {
            context.report(listPath, "must be an array of op names, was " + JsonValues.describe(list));
            return;
        }
        Set<String> allowed = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode op = list.get(i);
            if (!op.isTextual() || OpSpecs.find(op.asText()).isEmpty()) {
                context.report(SchemaPaths.index(listPath, i),
                        JsonValues.describe(op) + " is not an op this server implements");
            } else {
                allowed.add(op.asText());
            }
        }
        for (OpRef op : Pipelines.allOps(context.schema())) {
            if (!allowed.contains(op.op())) {
                context.report(op.opPath(), "op \"" + op.op() + "\" is not in " + listPath);
            }
        }
    }
}
