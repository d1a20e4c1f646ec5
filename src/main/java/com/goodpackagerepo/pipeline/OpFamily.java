package com.goodpackagerepo.pipeline;

import java.util.Map;

/**
 * A family of ops (auth, parse, kv, blob, ...), one class each. The registry collects every family's
 * handlers into the closed vocabulary.
 */
public interface OpFamily {
    /** Op name → handler, e.g. "kv.get" → ... */
    Map<String, OpHandler> handlers();

    /** Optional work done once when a route is compiled (e.g. compiling an embedded JSON Schema). */
    default Object compile(String op, com.fasterxml.jackson.databind.JsonNode args) {
        return null;
    }
}
