package com.goodpackagerepo.api.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds the one error body shape every failure uses. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static ObjectNode body(String code, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message == null ? "" : message);
        String requestId = com.goodpackagerepo.observability.RequestIds.current();
        if (requestId != null) {
            error.put("request_id", requestId);
        }
        return root;
    }

    public static Response response(int status, String code, String message, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(code, message).toString());
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Response response(ApiException e) {
        return response(e.status(), e.codeName(), e.getMessage(), e.headers());
    }

    public static Response response(ErrorCode code, String message) {
        return response(code.status(), code.name(), message, Map.of());
    }
}
