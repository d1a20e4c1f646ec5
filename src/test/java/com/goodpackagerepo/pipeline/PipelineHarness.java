package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.ApiTokenLimits;
import com.goodpackagerepo.auth.NamespaceAccess;
import com.goodpackagerepo.auth.NamespaceGrant;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.pipeline.ops.OpsWiring;
import com.goodpackagerepo.schema.AuthDef;
import com.goodpackagerepo.storage.RecordingWriteBatch;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.engines.TestStores;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the configured routes' pipelines in-process over real LMDB and blob stores in a temp directory, with a
 * plain (non-JTA) transaction: the op families, interpolation and conditions exactly as the server runs them.
 */
public final class PipelineHarness implements AutoCloseable {
    public static final Principal WRITER = new Principal("writer", java.util.Set.of("read", "write"), "t1", false);
    public static final Principal READER = new Principal("reader", java.util.Set.of("read"), "t2", false);

    private final CompiledConfig compiled;
    private final Stores stores;
    private final PipelineExecutor executor = new PipelineExecutor();
    /** The grants every run sees; tests add to it. */
    public final List<NamespaceGrant> grants = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** API token limits by token id (a principal of kind API_TOKEN without an entry has none). */
    public final Map<String, ApiTokenLimits> tokenLimits = new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code gpr.auth.namespaces.restricted} for every run. */
    public volatile boolean restricted;

    /** Every committed pipeline transaction: its writes (the write-set a cluster authority logs) and events. */
    public final List<ReplicatedBatch> committed = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PipelineHarness(Path dir) {
        this(dir, TestContexts.seedSchema());
    }

    public PipelineHarness(Path dir, JsonNode schema) {
        this(dir, schema, 0);
    }

    /** With small blobs up to {@code inlineMaxBytes} committed into LMDB with their publish. */
    public PipelineHarness(Path dir, JsonNode schema, long inlineMaxBytes) {
        RepositoryConfig config = TestContexts.compiled(schema).config();
        stores = TestStores.open(dir, config, 16L << 20, 1L << 30, inlineMaxBytes);
        Stores opened = stores;
        Transactions transactions = new Transactions(stores, new RecordedEvents<>(), 3600) {
            @Override
            public Transaction begin() {
                // the recording wrapper would hide the LMDB batch's small-blob side (InlineBlobBatch), so a harness
                // with small blobs on records nothing
                WriteBatch raw = opened.metadata().newBatch();
                WriteBatch batch = inlineMaxBytes > 0 ? raw : new RecordingWriteBatch(raw, committed);
                return new Transaction() {
                    @Override
                    public WriteBatch batch() {
                        return batch;
                    }

                    @Override
                    public void commit() {
                        batch.commit();
                    }

                    @Override
                    public void rollback() {
                        batch.abort();
                    }
                };
            }
        };
        PipelineWrites writes = new PipelineWrites(stores, transactions);
        ResponseCache cache = new ResponseCache();
        cache.onConfigForTests(config);
        AuthSettings auth = new AuthSettings();
        OpRegistry registry = OpRegistry.of(OpsWiring.families(stores, writes, transactions, cache, auth));
        executor.registry = registry;
        executor.authSettings = auth;
        executor.permissions = new NamespacePermissions() {
            @Override
            public NamespaceAccess of(Principal principal, AuthDef auth) {
                ApiTokenLimits limits = principal != null && principal.kind() == Principal.Kind.API_TOKEN
                        ? tokenLimits.getOrDefault(principal.tokenId(), ApiTokenLimits.NONE) : ApiTokenLimits.NONE;
                return NamespaceAccess.of(principal, auth, grants, restricted, false, limits);
            }
        };
        compiled = new CompiledConfig(config, registry);
    }

    /** The executor the routes run with (its apply mode runs replication apply pipelines). */
    public PipelineExecutor executor() {
        return executor;
    }

    /**
     * Runs some steps of route {@code routeId} (by index) for {@code path}, with {@code vars} set first, then answers
     * 204: what an op before them (e.g. a proxy fetch) would have produced, without it.
     */
    public PipelineResult runSteps(String routeId, List<Integer> steps, String path, Principal principal,
                                   Map<String, Object> vars) {
        CompiledRoute route = compiled.routes().routes().stream().filter(r -> r.id().equals(routeId)).findFirst()
                .orElseThrow();
        List<OpCall> chosen = new java.util.ArrayList<>();
        steps.forEach(i -> chosen.add(route.steps().get(i)));
        chosen.add(new OpCall("respond.json", com.goodpackagerepo.json.Json.object().put("status", 204), "test", null));
        RouteMatch match = compiled.routes().find("GET", path);
        RequestData request = new RequestData("GET", path, match.pathParams(), Map.of(), Map.of(),
                new ByteArrayInputStream(new byte[0]), 0);
        PipelineContext ctx = new PipelineContext(request, compiled, route, principal);
        vars.forEach(ctx::set);
        return executor.run(ctx, chosen);
    }

    public Stores stores() {
        return stores;
    }

    public CompiledConfig compiled() {
        return compiled;
    }

    public PipelineResult run(String method, String path, Principal principal, String body) {
        return run(method, path, principal, body, Map.of(), Map.of());
    }

    public PipelineResult run(String method, String path, Principal principal, String body,
                              Map<String, List<String>> query, Map<String, List<String>> headers) {
        RouteMatch match = compiled.routes().find(method, path);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        RequestData request = new RequestData(method, path, match.pathParams(), query, headers,
                new ByteArrayInputStream(bytes), bytes.length);
        return executor.run(new PipelineContext(request, compiled, match.route(), principal), match.route().steps());
    }

    @Override
    public void close() {
        TestStores.close(stores);
    }
}
