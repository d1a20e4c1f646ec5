package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.api.error.ErrorStatus;

/** The HTTP status the edge would answer a pipeline result with (a domain error's registered status). */
final class Results {
    private Results() {
    }

    static int status(PipelineResult result) {
        if (result instanceof PipelineResult.JsonBody json) {
            return json.status();
        }
        if (result instanceof PipelineResult.Bytes bytes) {
            return bytes.status();
        }
        if (result instanceof PipelineResult.Redirect redirect) {
            return redirect.status();
        }
        if (result instanceof PipelineResult.Error error) {
            return error.status();
        }
        return ErrorStatus.of(((PipelineResult.Failure) result).error().code());
    }
}
