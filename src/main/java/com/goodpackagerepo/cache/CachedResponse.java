package com.goodpackagerepo.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.pipeline.Navigable;

/**
 * A cached response: headers and a body. A blob body is held as a reference to the stored file, never as
 * bytes, so caching a large download costs a few hundred bytes of heap.
 */
public record CachedResponse(JsonNode headers, Object body, long bodyBytes, long expiresAtMillis) implements Navigable {

    @Override
    public Object part(String name) {
        return switch (name) {
            case "headers" -> headers;
            case "body" -> body;
            default -> null;
        };
    }
}
