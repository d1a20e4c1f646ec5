package com.goodpackagerepo.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.AccessPolicy;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledRoute;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.pipeline.TestContexts;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Anonymous reads: off by default; when on, only read scope on routes tagged public; never writes. */
class AuthOpsTest {
    private static final CompiledConfig SEED = TestContexts.compiled(TestContexts.seedSchema());
    private static final Principal READER = new Principal("r", Set.of("read"), "j", false);
    private static final Principal WRITER = new Principal("w", Set.of("write"), "j", false);

    private static AuthOps ops(boolean anonymousRead) {
        AuthOps ops = new AuthOps();
        ops.settings = new AuthSettings() {
            @Override
            public boolean allowAnonymousRead() {
                return anonymousRead;
            }
        };
        return ops;
    }

    private static CompiledRoute route(String id) {
        return SEED.routes().routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static PipelineContext ctx(String routeId, Principal principal) {
        RequestData request = new RequestData("GET", "/v1/acme/app/latest", Map.of("namespace", "acme", "name", "app"),
                Map.of(), Map.of(), null, -1);
        return new PipelineContext(request, SEED, route(routeId), principal);
    }

    /** Runs the route's own auth.require_scopes step. */
    private static void authStep(AuthOps ops, String routeId, Principal principal) {
        OpCall call = route(routeId).steps().stream().filter(s -> s.op().equals("auth.require_scopes")).findFirst().orElseThrow();
        ops.requireScopes(call, ctx(routeId, principal));
    }

    private static int status(Runnable r) {
        return ErrorStatus.of(assertThrows(DomainException.class, r::run).code());
    }

    @Test
    void anonymousReadsAreRefusedByDefault() {
        AuthOps ops = ops(false);
        assertEquals(401, status(() -> authStep(ops, "resolve_latest", null)));
        assertEquals(401, status(() -> authStep(ops, "fetch_artifact_blob", null)));
        assertEquals(401, status(() -> AccessPolicy.admit(null, route("resolve_latest"), false)));
        assertEquals(401, status(() -> AccessPolicy.check(ctx("resolve_latest", null), com.goodpackagerepo.schema.op.OpSpecs.get("index.query"), false)));
    }

    @Test
    void whenEnabledAnonymousMayReadPublicRoutes() {
        AuthOps ops = ops(true);
        assertDoesNotThrow(() -> authStep(ops, "resolve_latest", null));
        assertDoesNotThrow(() -> authStep(ops, "fetch_artifact_blob", null));
        assertDoesNotThrow(() -> AccessPolicy.admit(null, route("resolve_latest"), true));
        assertDoesNotThrow(() -> AccessPolicy.check(ctx("fetch_artifact_blob", null), com.goodpackagerepo.schema.op.OpSpecs.get("blob.get"), true));
    }

    @Test
    void writesNeverWorkAnonymouslyEvenWhenEnabled() {
        AuthOps ops = ops(true);
        assertEquals(401, status(() -> authStep(ops, "publish_artifact_blob", null)));
        assertEquals(401, status(() -> authStep(ops, "set_tag", null)));
        assertEquals(401, status(() -> AccessPolicy.admit(null, route("publish_artifact_blob"), true)));
        assertEquals(401, status(() -> AccessPolicy.check(ctx("fetch_artifact_blob", null), com.goodpackagerepo.schema.op.OpSpecs.get("blob.put"), true)),
                "a public route that writes (proxy caching) still cannot write anonymously");
    }

    @Test
    void aNonPublicRouteStaysClosedToAnonymousWhateverItsPipeline() {
        var schema = (com.fasterxml.jackson.databind.node.ObjectNode) TestContexts.seedSchema();
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.path("api").path("routes")).add(Json.parse(
                "{\"id\":\"open\",\"method\":\"GET\",\"path\":\"/open\",\"tags\":[],"
                        + "\"pipeline\":[{\"op\":\"respond.json\",\"args\":{\"status\":200,\"body\":{}}}]}"));
        CompiledRoute open = TestContexts.compiled(schema).routes().routes().stream()
                .filter(r -> r.id().equals("open")).findFirst().orElseThrow();
        assertEquals(401, status(() -> AccessPolicy.admit(null, open, true)));
        assertDoesNotThrow(() -> AccessPolicy.admit(READER, open, false));
    }

    @Test
    void tokensWithoutTheScopeAreForbidden() {
        AuthOps ops = ops(true);
        assertEquals(403, status(() -> authStep(ops, "publish_artifact_blob", READER)));
        assertEquals(403, status(() -> authStep(ops, "resolve_latest", WRITER)));
        assertDoesNotThrow(() -> authStep(ops, "publish_artifact_blob", WRITER));
        assertEquals(403, status(() -> AccessPolicy.check(ctx("fetch_artifact_blob", READER), com.goodpackagerepo.schema.op.OpSpecs.get("blob.put"), false)));
    }
}
