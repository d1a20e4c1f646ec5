package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a route's or an apply pipeline's op list.
 *
 * @param args     the op's arguments, a missing node when the step has none
 * @param location where it is in the schema, e.g. "api.routes[0].pipeline[3]"
 */
public record PipelineStep(String op, JsonNode args, String location) {
}
