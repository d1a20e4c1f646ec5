package com.goodpackagerepo.config.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped schema, ways to mutate copies of it, and assertions on reports. */
final class Fixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Relative to the project directory, where Surefire runs. */
    static final Path SHIPPED_SCHEMA = Path.of("seed/schema.json");

    private static final ObjectNode SHIPPED = load();

    private Fixtures() {
    }

    /** A fresh deep copy of the shipped schema, safe to mutate. */
    static ObjectNode shipped() {
        return SHIPPED.deepCopy();
    }

    static ValidationReport validate(JsonNode schema) {
        return new ConfigValidator().validate(schema);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The object at a JSON Pointer, e.g. {@code /api/routes/0}. */
    static ObjectNode obj(JsonNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    /** The array at a JSON Pointer, e.g. {@code /api/routes/0/pipeline}. */
    static ArrayNode arr(JsonNode root, String pointer) {
        return (ArrayNode) root.at(pointer);
    }

    /** The pipeline of route {@code i}. */
    static ArrayNode pipeline(JsonNode schema, int route) {
        return arr(schema, "/api/routes/" + route + "/pipeline");
    }

    /** The args of op {@code k} of route {@code i}. */
    static ObjectNode args(JsonNode schema, int route, int k) {
        return obj(schema, "/api/routes/" + route + "/pipeline/" + k + "/args");
    }

    /** An op entry {@code {"op": op, "args": args}}. */
    static ObjectNode op(String op, String argsJson) {
        ObjectNode entry = MAPPER.createObjectNode().put("op", op);
        entry.set("args", json(argsJson));
        return entry;
    }

    static void assertValid(ValidationReport report) {
        assertTrue(report.isValid(), report::summary);
    }

    /** The report has exactly one violation, with this check id and path. */
    static void assertOnlyViolation(ValidationReport report, String checkId, String path) {
        assertEquals(List.of(checkId + " at " + path), idsAndPaths(report), report::summary);
    }

    /** The report has (at least) a violation with this check id and path. */
    static void assertHasViolation(ValidationReport report, String checkId, String path) {
        assertTrue(idsAndPaths(report).contains(checkId + " at " + path),
                () -> "expected " + checkId + " at " + path + " in " + report.summary());
    }

    static List<String> idsAndPaths(ValidationReport report) {
        return report.violations().stream().map(v -> v.checkId() + " at " + v.path()).toList();
    }

    private static ObjectNode load() {
        try {
            return (ObjectNode) MAPPER.readTree(Files.readString(SHIPPED_SCHEMA));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED_SCHEMA.toAbsolutePath(), e);
        }
    }
}
