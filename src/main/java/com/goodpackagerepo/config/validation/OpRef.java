package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One op of a pipeline.
 *
 * @param path  the op entry's path, e.g. {@code api.routes[0].pipeline[5]}
 * @param index its position in the pipeline
 * @param op    the op name
 * @param args  its arguments ({@code {}} when absent)
 */
record OpRef(String path, int index, String op, JsonNode args) {

    /** Path of the op name: {@code api.routes[0].pipeline[5].op}. */
    String opPath() {
        return path + ".op";
    }

    /** Path of argument {@code name}: {@code api.routes[0].pipeline[5].args.doc}. */
    String argPath(String name) {
        return SchemaPaths.child(path + ".args", name);
    }

    JsonNode arg(String name) {
        return args.path(name);
    }

    /** The argument as text, or {@code null} when it is absent or not a string. */
    String textArg(String name) {
        JsonNode value = args.path(name);
        return value.isTextual() ? value.asText() : null;
    }
}
