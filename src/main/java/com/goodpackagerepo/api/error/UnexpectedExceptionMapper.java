package com.goodpackagerepo.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.StoreFullException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything else: logged with its stack trace, answered without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof JsonProcessingException) {
            return ErrorResponses.response(ErrorCode.INVALID_JSON, "Malformed JSON body");
        }
        if (e instanceof StoreFullException) {
            LOG.log(Level.SEVERE, "metadata store is full", e);
            return ErrorResponses.response(ErrorCode.INSUFFICIENT_STORAGE, "Storage is full");
        }
        LOG.log(Level.SEVERE, "unexpected error", e);
        return ErrorResponses.response(ErrorCode.INTERNAL_ERROR, "Internal server error");
    }
}
