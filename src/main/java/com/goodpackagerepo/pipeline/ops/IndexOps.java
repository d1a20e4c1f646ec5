package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.Interpolator;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineValues;
import com.goodpackagerepo.pipeline.PipelineWrites;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.index.PageLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code index.query}, {@code index.upsert}, {@code index.delete}. A query is a cursor seek returning at
 * most {@code limit} rows (default 100, at most 1000) in index order. On a semver-ordered index, prerelease
 * versions are left out when {@code entities.versioning.latest_policy.exclude_prerelease} is on, unless
 * the op says {@code "include_prerelease": true} — so {@code limit: 1} is the latest release.
 */
@ApplicationScoped
public class IndexOps implements OpFamily {

    @Inject
    Stores stores;
    @Inject
    PipelineWrites writes;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("index.query", this::query, "index.upsert", this::upsert, "index.delete", this::delete);
    }

    void query(OpCall call, PipelineContext ctx) {
        IndexDefinition index = index(call, ctx);
        JsonNode key = Interpolator.resolveNode(call.arg("key"), ctx);
        List<String> values = new ArrayList<>();
        for (String field : index.keyFields()) {
            String value = PipelineValues.text(key.get(field));
            if (value.isEmpty()) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Index key field " + field + " missing");
            }
            values.add(value);
        }
        int limit = PageLimit.index(Interpolator.resolveNode(call.arg("limit"), ctx));
        String cursor = Interpolator.resolveString(call.arg("cursor"), ctx);
        boolean includePrerelease = call.arg("include_prerelease").isBoolean()
                ? call.arg("include_prerelease").asBoolean()
                : !excludesPrerelease(ctx);
        IndexPage page;
        try {
            page = stores.metadata().query(index, new IndexQuery(values, limit, emptyToNull(cursor), includePrerelease));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Invalid cursor");
        }
        ctx.budget().chargeIo(1 + page.rows().size());
        ArrayNode rows = Json.array();
        page.rows().forEach(rows::add);
        ctx.set(call.textArg("out"), rows);
        ctx.set(call.textArg("next_cursor_out"), page.nextCursor() == null ? null : TextNode.valueOf(page.nextCursor()));
    }

    void upsert(OpCall call, PipelineContext ctx) {
        IndexDefinition index = index(call, ctx);
        ObjectNode row = row(call, ctx);
        writes.write(ctx, "index.upsert", batch -> batch.upsertIndex(index, row));
    }

    void delete(OpCall call, PipelineContext ctx) {
        IndexDefinition index = index(call, ctx);
        ObjectNode row = row(call, ctx);
        writes.write(ctx, "index.delete", batch -> batch.deleteIndex(index, row));
    }

    /** The row to write: its value (or just the key), with the key fields taken from the key. */
    private static ObjectNode row(OpCall call, PipelineContext ctx) {
        JsonNode key = Interpolator.resolveNode(call.arg("key"), ctx);
        JsonNode value = call.args().has("value") ? Interpolator.resolveNode(call.arg("value"), ctx) : key;
        if (!value.isObject() || !key.isObject() || !PipelineValues.isPureJson(value)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Index row at " + call.location() + " is not a JSON object");
        }
        ObjectNode row = ((ObjectNode) value).deepCopy();
        key.fields().forEachRemaining(f -> {
            JsonNode existing = row.get(f.getKey());
            if (existing != null && !existing.equals(f.getValue())) {
                throw new DomainException(ErrorCode.INTERNAL_ERROR, "Index key and value disagree on " + f.getKey());
            }
            row.set(f.getKey(), f.getValue());
        });
        ctx.budget().chargeIo(1);
        return row;
    }

    private static IndexDefinition index(OpCall call, PipelineContext ctx) {
        IndexDefinition index = ctx.compiled().index(call.textArg("index"));
        if (index == null) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Unknown index " + call.textArg("index"));
        }
        return index;
    }

    static boolean excludesPrerelease(PipelineContext ctx) {
        return ctx.config().model().versioning().latestExcludesPrerelease();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
