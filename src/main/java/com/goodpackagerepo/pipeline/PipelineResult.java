package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What a pipeline answers; produced by a respond.* op (or by an error). */
public sealed interface PipelineResult {

    int status();

    Map<String, String> headers();

    /** A JSON body. */
    record JsonBody(int status, Map<String, String> headers, JsonNode body) implements PipelineResult {
    }

    /** Bytes: a stored blob, an upstream body or a JSON/text value, streamed by the response writer. */
    record Bytes(int status, Map<String, String> headers, Object body) implements PipelineResult {
    }

    /** A redirect to a location on this server. */
    record Redirect(int status, Map<String, String> headers, String location) implements PipelineResult {
    }

    /** An error body {"error":{"code","message"}}. */
    record Error(int status, Map<String, String> headers, String code, String message) implements PipelineResult {
    }
}
