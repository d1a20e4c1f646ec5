package com.goodpackagerepo.pipeline;

/** Runs one op of the vocabulary against a pipeline context. */
@FunctionalInterface
public interface OpHandler {
    void run(OpCall call, PipelineContext ctx) throws Exception;
}
