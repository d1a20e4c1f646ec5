package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** An always-on structural check with a fixed id (see {@link CheckIds}). */
interface SchemaCheck {

    String id();

    /** Reports every violation found in {@code schema}; must tolerate any malformed input. */
    void run(JsonNode schema, Reporter reporter);
}
