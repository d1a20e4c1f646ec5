package com.goodpackagerepo.api.error;

import com.goodpackagerepo.error.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A domain error thrown below a JAX-RS resource: its registered status and the JSON error body. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException e) {
        return ErrorResponses.response(e);
    }
}
