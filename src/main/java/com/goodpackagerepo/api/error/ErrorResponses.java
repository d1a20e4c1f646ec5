package com.goodpackagerepo.api.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.error.CredentialsRefusedException;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.MethodNotAllowedException;
import com.goodpackagerepo.error.RetryLaterException;
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

    public static Response response(DomainException e) {
        return response(ErrorStatus.of(e.code()), e.code().name(), e.getMessage(), headers(e));
    }

    public static Response response(ErrorCode code, String message) {
        return response(ErrorStatus.of(code), code.name(), message, Map.of());
    }

    /** The headers a domain error implies: when to retry a refusal that ends by itself. */
    public static Map<String, String> headers(DomainException e) {
        if (e instanceof RetryLaterException later) {
            return Map.of("Retry-After", String.valueOf(later.retryAfter().toSeconds()));
        }
        if (e instanceof CredentialsRefusedException) {
            return Map.of("WWW-Authenticate", "Bearer realm=\"good-package-repo\"");
        }
        if (e instanceof MethodNotAllowedException notAllowed) {
            return Map.of("Allow", notAllowed.allowedList());
        }
        return Map.of();
    }
}
