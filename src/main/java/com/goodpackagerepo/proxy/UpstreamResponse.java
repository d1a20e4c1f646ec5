package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.pipeline.Navigable;

/** What {@code proxy.fetch} gives a pipeline: {@code $up_resp.status}, {@code .headers}, {@code .body}. */
public record UpstreamResponse(int status, ObjectNode headers, UpstreamBody body) implements Navigable {

    @Override
    public Object part(String name) {
        return switch (name) {
            case "status" -> IntNode.valueOf(status);
            case "headers" -> headers;
            case "body" -> body;
            default -> null;
        };
    }
}
