package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A part of the application that turns a candidate schema into its runtime form. It must throw
 * {@link InvalidConfigException} when it cannot, so the candidate is refused before it is stored.
 */
public interface ConfigCompiler {
    void check(JsonNode schema);
}
