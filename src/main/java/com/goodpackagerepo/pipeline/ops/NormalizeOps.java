package com.goodpackagerepo.pipeline.ops;

import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code normalize.entity}: applies the entity's field normalizers (trim, lower, replace:_:-) to the fields. */
@ApplicationScoped
public class NormalizeOps implements OpFamily {

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("normalize.entity", this::normalize);
    }

    void normalize(OpCall call, PipelineContext ctx) {
        ctx.compiled().entity(call.textArg("entity")).normalize(ctx.fields());
    }
}
