package com.goodpackagerepo.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.StoreFullException;
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
        return ErrorResponses.response(classify(e));
    }

    /** What an unexpected failure is told as (logged here, with its stack trace, when it is ours). */
    public static DomainException classify(Throwable e) {
        if (e instanceof JsonProcessingException) {
            return new DomainException(ErrorCode.INVALID_JSON, "Malformed JSON body");
        }
        if (e instanceof StoreFullException) {
            LOG.log(Level.SEVERE, "storage is full", e);
            return new DomainException(ErrorCode.INSUFFICIENT_STORAGE, "Storage is full");
        }
        LOG.log(Level.SEVERE, "unexpected error", e);
        return new DomainException(ErrorCode.INTERNAL_ERROR, "Internal server error");
    }
}
