package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.schema.op.ArgType;
import com.goodpackagerepo.schema.op.OpSpec;
import com.goodpackagerepo.schema.op.OpSpecs;
import java.util.Map;
import java.util.Set;

/**
 * {@value CheckIds#OP_ARGS}: every op of every pipeline is one this server implements and has the
 * arguments its {@link OpSpec} requires, of the right type. Beyond the table: the scopes of
 * {@code auth.require_scopes} must be declared in {@code auth.scopes}, the schema of
 * {@code validate.json_schema} must itself be a valid JSON Schema, and a {@code when} argument must be
 * well formed (see {@link WhenCondition}).
 */
final class OpArgsCheck implements SchemaCheck {

    @Override
    public String id() {
        return CheckIds.OP_ARGS;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        Set<String> scopes = new SchemaModel(schema).scopes();
        for (OpRef op : Pipelines.allOps(schema)) {
            Map<String, ArgType> required = OpSpecs.find(op.op()).map(OpSpec::requiredArgs).orElse(null);
            if (required == null) {
                reporter.report(op.opPath(), "\"" + op.op() + "\" is not an op this server implements");
                continue;
            }
            required.forEach((name, type) -> checkArg(op, name, type, reporter));
            if (op.args().has("when")) {
                WhenCondition.check(op.arg("when"), op.argPath("when"), reporter);
            }
            if (op.op().equals("auth.require_scopes")) {
                checkScopes(op, scopes, reporter);
            }
            if (op.op().equals("validate.json_schema") && ArgType.JSON_SCHEMA.accepts(op.arg("schema"))) {
                JsonSchemaSyntax.check(op.arg("schema"), op.argPath("schema"), reporter);
            }
        }
    }

    private static void checkArg(OpRef op, String name, ArgType type, Reporter reporter) {
        JsonNode value = op.arg(name);
        if (value.isMissingNode()) {
            reporter.report(op.argPath(name), "is required by " + op.op());
        } else if (!type.accepts(value)) {
            reporter.report(op.argPath(name), "must be " + type.description() + ", was " + JsonValues.describe(value));
        }
    }

    private static void checkScopes(OpRef op, Set<String> declared, Reporter reporter) {
        JsonNode scopes = op.arg("scopes");
        for (int j = 0; scopes.isArray() && j < scopes.size(); j++) {
            if (scopes.get(j).isTextual() && !declared.contains(scopes.get(j).asText())) {
                reporter.report(SchemaPaths.index(op.argPath("scopes"), j),
                        "scope \"" + scopes.get(j).asText() + "\" is not declared in auth.scopes");
            }
        }
    }
}
