package com.goodpackagerepo.api.error;

import com.goodpackagerepo.error.ErrorCode;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashMap;
import java.util.Map;

/** Errors JAX-RS raises itself (unknown path, wrong method, media type) get our JSON body too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        Map<String, String> headers = new HashMap<>();
        String message;
        ErrorCode code = ErrorStatus.codeFor(status);
        switch (status) {
            case 404 -> message = "No such resource";
            case 405 -> {
                message = "Method not allowed";
                if (e instanceof NotAllowedException && e.getResponse().getAllowedMethods() != null) {
                    headers.put("Allow", String.join(", ", e.getResponse().getAllowedMethods()));
                }
            }
            case 415 -> message = "Unsupported media type";
            case 406 -> message = "Not acceptable";
            default -> message = status >= 500 ? "Internal server error" : "Bad request";
        }
        if (status == 400 && e.getCause() != null
                && e.getCause().getClass().getName().contains("Json")) {
            code = ErrorCode.INVALID_JSON;
            message = "Malformed JSON body";
        }
        return ErrorResponses.response(status, code.name(), message, headers);
    }
}
