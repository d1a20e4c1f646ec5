package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.gc.Tombstones;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.JsonSchemaCheck;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineValues;
import com.goodpackagerepo.pipeline.PipelineWrites;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.storage.WriteBatch.Precondition;
import com.goodpackagerepo.storage.WriteBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code kv.get}, {@code kv.put}, {@code kv.cas_put}, {@code kv.delete} on the documents of
 * {@code storage.documents}. Values are checked against the document's schema and
 * {@code ops.limits.max_kv_value_bytes}. Feature flags are enforced here, at write time:
 * {@code allow_overwrite_artifacts=false} keeps the artifact-metadata document write-once and
 * {@code mutable_tags=false} refuses to move an existing tag document to another target, and
 * {@code gc.retention.immutable_after_publish} lets a deleted artifact's key be published again only with the
 * same digest ({@link Tombstones}).
 */
@ApplicationScoped
public class KvOps implements OpFamily {
    @Inject
    PipelineWrites writes;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("kv.get", this::get, "kv.put", this::put, "kv.cas_put", this::casPut, "kv.delete", this::delete);
    }

    void get(OpCall call, PipelineContext ctx) {
        String key = Interpolator.resolveString(call.arg("key"), ctx);
        JsonNode value = writes.read(ctx, key).map(Json::parse).orElse(null);
        ctx.set(call.textArg("out"), value);
    }

    void put(OpCall call, PipelineContext ctx) {
        String doc = call.textArg("doc");
        String key = Interpolator.resolveString(call.arg("key"), ctx);
        byte[] value = checkedValue(call, ctx, doc);
        Precondition precondition = Precondition.NONE;
        if (ctx.config().model().hasRole(doc, DocumentRole.TAG) && !ctx.config().model().features().mutableTags()) {
            String target = Json.parse(value).path("target_key").asText();
            precondition = existing -> existing == null || Json.parse(existing).path("target_key").asText().equals(target);
            Precondition check = precondition;
            if (!check.allows(writes.peek(ctx, key).orElse(null))) { // the batch's precondition decides again
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "Tags are immutable: the tag already points elsewhere");
            }
        }
        Precondition finalPrecondition = precondition;
        Consumer<WriteBatch> guard = Tombstones.republishGuard(ctx.config().model(), k -> writes.peek(ctx, k), doc, key, value);
        writes.write(ctx, "kv.put", batch -> {
            guard.accept(batch);
            batch.putDocument(key, value, finalPrecondition);
        });
    }

    void casPut(OpCall call, PipelineContext ctx) {
        String doc = call.textArg("doc");
        String key = Interpolator.resolveString(call.arg("key"), ctx);
        byte[] value = checkedValue(call, ctx, doc);
        boolean ifAbsent = call.arg("if_absent").asBoolean(false);
        boolean overwriteAllowed = ctx.config().model().hasRole(doc, DocumentRole.ARTIFACT_METADATA)
                && ctx.config().model().features().allowOverwriteArtifacts();
        Precondition precondition = ifAbsent && !overwriteAllowed ? Precondition.IF_ABSENT : Precondition.NONE;
        if (precondition == Precondition.IF_ABSENT && writes.peek(ctx, key).isPresent()) { // re-decided at commit
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "Already exists: " + key);
        }
        Consumer<WriteBatch> guard = Tombstones.republishGuard(ctx.config().model(), k -> writes.peek(ctx, k), doc, key, value);
        writes.write(ctx, "kv.cas_put", batch -> {
            guard.accept(batch);
            batch.putDocument(key, value, precondition);
        });
    }

    void delete(OpCall call, PipelineContext ctx) {
        String key = Interpolator.resolveString(call.arg("key"), ctx);
        writes.write(ctx, "kv.delete", batch -> batch.deleteDocument(key));
    }

    private static byte[] checkedValue(OpCall call, PipelineContext ctx, String doc) {
        JsonNode value = Interpolator.resolveNode(call.arg("value"), ctx);
        if (!PipelineValues.isPureJson(value)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Value at " + call.location() + " is not JSON");
        }
        JsonSchemaCheck schema = ctx.compiled().documentSchema(doc);
        String problems = schema == null ? null : schema.problems(value);
        if (problems != null) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Document " + doc + " invalid: " + problems);
        }
        byte[] bytes = Json.bytes(value);
        long max = ctx.config().model().limits().maxKvValueBytes();
        if (bytes.length > max) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "Document larger than " + max + " bytes");
        }
        ctx.budget().chargeIo(1);
        return bytes;
    }
}
