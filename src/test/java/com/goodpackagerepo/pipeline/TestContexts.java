package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.validation.ConfigValidator;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.ops.AuthOps;
import com.goodpackagerepo.pipeline.ops.BlobOps;
import com.goodpackagerepo.pipeline.ops.CacheOps;
import com.goodpackagerepo.pipeline.ops.EmitOps;
import com.goodpackagerepo.pipeline.ops.IndexOps;
import com.goodpackagerepo.pipeline.ops.KvOps;
import com.goodpackagerepo.pipeline.ops.NormalizeOps;
import com.goodpackagerepo.pipeline.ops.ParseOps;
import com.goodpackagerepo.pipeline.ops.ProxyOps;
import com.goodpackagerepo.pipeline.ops.RespondOps;
import com.goodpackagerepo.pipeline.ops.StringOps;
import com.goodpackagerepo.pipeline.ops.TimeOps;
import com.goodpackagerepo.pipeline.ops.TxnOps;
import com.goodpackagerepo.pipeline.ops.ValidateOps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Pipeline contexts over the shipped schema, for unit tests of ops and interpolation. */
public final class TestContexts {
    private TestContexts() {
    }

    public static JsonNode seedSchema() {
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(Path.of("seed/schema.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpRegistry registry() {
        return OpRegistry.of(List.of(new AuthOps(), new ParseOps(), new NormalizeOps(), new ValidateOps(),
                new TxnOps(), new KvOps(), new BlobOps(), new IndexOps(), new CacheOps(), new ProxyOps(),
                new EmitOps(), new RespondOps(), new TimeOps(), new StringOps()));
    }

    public static CompiledConfig compiled(JsonNode schema) {
        return new CompiledConfig(new RepositoryConfig(schema, 1, new ConfigValidator().validate(schema)), registry());
    }

    public static PipelineContext context(Principal principal) {
        return context(principal, "", Map.of());
    }

    public static PipelineContext context(Principal principal, String body, Map<String, List<String>> headers) {
        CompiledConfig compiled = compiled(seedSchema());
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        RequestData request = new RequestData("PUT", "/v1/acme/app/1.0.0/x/blob",
                Map.of("namespace", "acme", "name", "app", "version", "1.0.0", "variant", "x"),
                Map.of(), headers, in, body.length());
        return new PipelineContext(request, compiled, compiled.routes().routes().stream()
                .filter(r -> r.id().equals("publish_artifact_blob")).findFirst().orElseThrow(), principal);
    }
}
