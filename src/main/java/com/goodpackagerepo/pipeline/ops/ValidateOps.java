package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.JsonSchemaCheck;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * {@code validate.entity} (the entity's regex constraints on the present fields) and
 * {@code validate.json_schema} (a value against a schema compiled once with the route).
 */
@ApplicationScoped
public class ValidateOps implements OpFamily {

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("validate.entity", this::validateEntity, "validate.json_schema", this::validateJsonSchema);
    }

    @Override
    public Object compile(String op, JsonNode args) {
        return "validate.json_schema".equals(op) ? new JsonSchemaCheck(args.path("schema")) : null;
    }

    void validateEntity(OpCall call, PipelineContext ctx) {
        ctx.compiled().entity(call.textArg("entity")).validate(ctx.fields());
    }

    void validateJsonSchema(OpCall call, PipelineContext ctx) {
        JsonNode value = Interpolator.resolveNode(call.arg("value"), ctx);
        String problems = ((JsonSchemaCheck) call.compiled()).problems(value);
        if (problems != null) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid body: " + problems);
        }
    }
}
