package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import java.util.Map;

/**
 * What a pipeline answers; produced by a respond.* op (or by an error). The status and headers a respond.* op
 * declares are data of the schema; the HTTP edge writes them.
 */
public sealed interface PipelineResult {

    /** A JSON body. */
    record JsonBody(int status, Map<String, String> headers, JsonNode body) implements PipelineResult {
    }

    /**
     * One page of a listing (200, JSON); {@code next} is the path and query of the following page, null on the
     * last one. The edge links it ({@code Link: <next>; rel="next"}).
     */
    record Page(JsonNode body, String next) implements PipelineResult {
    }

    /** Bytes: a stored blob, an upstream body or a JSON/text value, streamed by the response writer. */
    record Bytes(int status, Map<String, String> headers, Object body) implements PipelineResult {
    }

    /** A redirect to a location on this server. */
    record Redirect(int status, Map<String, String> headers, String location) implements PipelineResult {
    }

    /** A domain error that ended the pipeline; the edge answers it with the code's registered status. */
    record Failure(DomainException error) implements PipelineResult {
    }

    /** An error body {"error":{"code","message"}} declared by a respond.error op. */
    record Error(int status, Map<String, String> headers, String code, String message) implements PipelineResult {
    }
}
