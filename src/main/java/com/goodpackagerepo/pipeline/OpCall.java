package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One step of a compiled pipeline: the op name, its raw (uninterpolated) args and where it stands in the
 * configuration, e.g. {@code api.routes[0].pipeline[5]}, for error messages.
 */
public record OpCall(String op, JsonNode args, String location, Object compiled) {

    public OpCall {
        args = args == null || args.isNull() ? JsonNodeFactory.instance.objectNode() : args;
    }

    public JsonNode arg(String name) {
        return args.path(name);
    }

    public String textArg(String name) {
        JsonNode value = args.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    public String family() {
        int dot = op.indexOf('.');
        return dot < 0 ? op : op.substring(0, dot);
    }
}
