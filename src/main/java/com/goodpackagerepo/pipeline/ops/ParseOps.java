package com.goodpackagerepo.pipeline.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.route.EntityRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code parse.path} (route fields into entity fields), {@code parse.query} (query string into a variable)
 * and {@code parse.json} (the body, at most {@code ops.limits.max_json_bytes}, as a variable whose
 * top-level fields also become addressable as {field}).
 */
@ApplicationScoped
public class ParseOps implements OpFamily {

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("parse.path", this::parsePath, "parse.query", this::parseQuery, "parse.json", this::parseJson);
    }

    void parsePath(OpCall call, PipelineContext ctx) {
        EntityRules entity = ctx.compiled().entity(call.textArg("entity"));
        ctx.request().pathParams().forEach((field, value) -> {
            if (entity == null || entity.hasField(field)) {
                ctx.fields().put(field, value);
            }
        });
    }

    void parseQuery(OpCall call, PipelineContext ctx) {
        ObjectNode query = Json.object();
        ctx.request().query().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        ctx.set(call.textArg("out") == null ? "query" : call.textArg("out"), query);
    }

    void parseJson(OpCall call, PipelineContext ctx) {
        long max = ctx.config().model().limits().maxJsonBytes();
        if (ctx.request().contentLength() > max) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "JSON body larger than " + max + " bytes");
        }
        byte[] bytes = readAtMost(ctx.request().body(), max);
        String text = decodeUtf8(bytes);
        JsonNode body;
        try {
            body = Json.parseStrict(text);
        } catch (JsonProcessingException e) {
            throw new DomainException(ErrorCode.INVALID_JSON, "Malformed JSON body: " + e.getOriginalMessage());
        }
        ctx.set(call.textArg("out") == null ? "body" : call.textArg("out"), body);
        if (body.isObject()) {
            body.fields().forEachRemaining(f -> ctx.bodyFields().putIfAbsent(f.getKey(), f.getValue()));
        }
    }

    static byte[] readAtMost(InputStream in, long max) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "JSON body larger than " + max + " bytes");
            }
            return bytes;
        } catch (com.goodpackagerepo.storage.blob.BlobTooLargeException e) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DomainException(ErrorCode.INVALID_JSON, "JSON body is not valid UTF-8");
        }
    }

}
