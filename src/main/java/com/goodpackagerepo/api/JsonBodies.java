package com.goodpackagerepo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading and answering JSON on the fixed endpoints, with a size limit on every body read. */
public final class JsonBodies {
    public static final int MAX_FIXED_ENDPOINT_BODY = 64 * 1024;

    private JsonBodies() {
    }

    /** Parses a JSON object body of at most 64 KiB; 400 INVALID_JSON / 413 otherwise. */
    public static JsonNode readObject(InputStream in) {
        if (in == null) {
            throw new DomainException(ErrorCode.INVALID_JSON, "A JSON body is required");
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_FIXED_ENDPOINT_BODY + 1);
        } catch (IOException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Could not read the request body");
        }
        if (bytes.length > MAX_FIXED_ENDPOINT_BODY) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "Body larger than " + MAX_FIXED_ENDPOINT_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = Json.parseStrict(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new DomainException(ErrorCode.INVALID_JSON, "Malformed JSON body");
        }
        if (!node.isObject()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object");
        }
        return node;
    }

    /** A required non-empty string field, else 400 INVALID_REQUEST naming it. */
    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Field " + field + " is required");
        }
        return value.asText();
    }

    public static Response ok(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** 200 with a reply record ({@link Replies}) serialized by the application's mapper. */
    public static Response ok(Object reply) {
        return Response.ok(text(reply), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A reply record as JSON text. */
    public static String text(Object reply) {
        try {
            return Json.MAPPER.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + reply.getClass().getSimpleName(), e);
        }
    }
}
