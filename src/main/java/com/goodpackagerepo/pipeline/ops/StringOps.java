package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** {@code string.format}: interpolates {@code template} ({@code {field}} and {@code $var}) into {@code out}. */
@ApplicationScoped
public class StringOps implements OpFamily {

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("string.format", this::format);
    }

    void format(OpCall call, PipelineContext ctx) {
        String text = Interpolator.resolveString(call.args().has("template") ? call.arg("template") : call.arg("format"), ctx);
        ctx.set(call.textArg("out"), TextNode.valueOf(text == null ? "" : text));
    }
}
