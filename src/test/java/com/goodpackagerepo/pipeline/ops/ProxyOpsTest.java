package com.goodpackagerepo.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.pipeline.RouteMatch;
import com.goodpackagerepo.pipeline.TestContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyOpsTest {

    @Test
    void withTheProxyDisabledTheRouteAnswersNotFoundWithoutCallingTheUpstream() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ((ObjectNode) schema.get("features")).put("proxy_enabled", false);
        CompiledConfig compiled = TestContexts.compiled(schema);
        String path = "/v1/proxy/acme/app/1.0.0/x/blob";
        RouteMatch match = compiled.routes().find("GET", path);
        PipelineContext ctx = new PipelineContext(new RequestData("GET", path, match.pathParams(), Map.of(), Map.of(),
                null, -1), compiled, match.route(), null);
        OpCall fetch = match.route().steps().stream().filter(s -> s.op().equals("proxy.fetch")).findFirst().orElseThrow();
        ProxyOps ops = new ProxyOps();
        DomainException e = assertThrows(DomainException.class, () -> ops.fetch(fetch, ctx));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }
}
