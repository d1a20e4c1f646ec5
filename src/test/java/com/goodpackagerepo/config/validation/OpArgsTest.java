package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.args;
import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.op;
import static com.goodpackagerepo.config.validation.Fixtures.pipeline;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** val.op_args: required args from OpSpecs, when conditions, scopes and embedded JSON Schemas. */
class OpArgsTest {

    private static final String CHECK = CheckIds.OP_ARGS;

    static Stream<Arguments> badArgs() {
        return Stream.of(
                bad("missing kv.get out", s -> args(s, 1, 6).remove("out"), "api.routes[1].pipeline[6].args.out"),
                bad("missing respond.error code", s -> args(s, 1, 7).remove("code"),
                        "api.routes[1].pipeline[7].args.code"),
                bad("missing proxy.fetch method", s -> args(s, 4, 6).remove("method"),
                        "api.routes[4].pipeline[6].args.method"),
                bad("missing emit.event payload", s -> args(s, 0, 10).remove("payload"),
                        "api.routes[0].pipeline[10].args.payload"),
                bad("null blob.get digest", s -> args(s, 1, 8).putNull("digest"),
                        "api.routes[1].pipeline[8].args.digest"),
                bad("status as string", s -> args(s, 3, 6).put("status", "200"),
                        "api.routes[3].pipeline[6].args.status"),
                bad("status out of range", s -> args(s, 3, 5).put("status", 600),
                        "api.routes[3].pipeline[5].args.status"),
                bad("scopes not an array", s -> args(s, 3, 0).put("scopes", "read"),
                        "api.routes[3].pipeline[0].args.scopes"),
                bad("unknown scope", s -> args(s, 3, 0).set("scopes", json("[\"read\",\"superuser\"]")),
                        "api.routes[3].pipeline[0].args.scopes[1]"),
                bad("when with two operators", when(1, 5, "{\"equals\":[\"$cache_hit\",true],\"is_null\":\"$x\"}"),
                        "api.routes[1].pipeline[5].args.when"),
                bad("when unknown operator", when(1, 5, "{\"matches\":[\"$a\",\"b\"]}"),
                        "api.routes[1].pipeline[5].args.when"),
                bad("when not an object", when(1, 5, "\"$cache_hit\""),
                        "api.routes[1].pipeline[5].args.when"),
                bad("when equals with one operand", when(1, 5, "{\"equals\":[\"$cache_hit\"]}"),
                        "api.routes[1].pipeline[5].args.when.equals"),
                bad("when not_in without list", when(4, 7, "{\"not_in\":[\"$up_resp.status\",200]}"),
                        "api.routes[4].pipeline[7].args.when.not_in"),
                bad("when is_null of a number", when(1, 7, "{\"is_null\":3}"),
                        "api.routes[1].pipeline[7].args.when.is_null"),
                bad("when on an op without other args", when(0, 11, "{}"),
                        "api.routes[0].pipeline[11].args.when"),
                bad("invalid embedded schema type", s -> schemaOf(s).put("type", "strin"),
                        "api.routes[2].pipeline[5].args.schema"),
                bad("invalid embedded schema required", s -> schemaOf(s).put("required", "target_version"),
                        "api.routes[2].pipeline[5].args.schema"),
                bad("embedded schema with bad pattern", s -> schemaOf(s).put("pattern", "[a-"),
                        "api.routes[2].pipeline[5].args.schema"),
                bad("embedded schema with dangling ref", s -> schemaOf(s).put("$ref", "#/$defs/missing"),
                        "api.routes[2].pipeline[5].args.schema"),
                bad("embedded schema with remote ref", s -> schemaOf(s).put("$ref", "https://example.com/s.json"),
                        "api.routes[2].pipeline[5].args.schema"),
                bad("embedded schema not a schema", s -> args(s, 2, 5).put("schema", "object"),
                        "api.routes[2].pipeline[5].args.schema"),
                bad("embedded schema with unknown dialect", s -> schemaOf(s).put("$schema", "http://example.com/d"),
                        "api.routes[2].pipeline[5].args.schema"));
    }

    private static Arguments bad(String name, Consumer<ObjectNode> mutation, String path) {
        return Arguments.of(name, mutation, path);
    }

    /** Sets the {@code when} of op {@code k} of route {@code route}. */
    private static Consumer<ObjectNode> when(int route, int k, String whenJson) {
        return s -> args(s, route, k).set("when", json(whenJson));
    }

    private static ObjectNode schemaOf(ObjectNode schema) {
        return (ObjectNode) args(schema, 2, 5).get("schema");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArgs")
    void badArgumentsAreRejectedAtTheirPath(String name, Consumer<ObjectNode> mutation, String path) {
        ObjectNode schema = shipped();
        mutation.accept(schema);

        assertOnlyViolation(validate(schema), CHECK, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"is_empty\":\"$rows\"}", "{\"is_not_null\":\"$rows\"}", "{\"equals\":[\"$rows\",null]}",
        "{\"not_in\":[\"$rows\",[]]}"})
    void wellFormedWhenConditionsPass(String when) {
        ObjectNode schema = shipped();
        args(schema, 3, 5).set("when", json(when));

        assertValid(validate(schema));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\"}",
        "{\"$defs\":{\"v\":{\"type\":\"string\"}},\"properties\":{\"target_version\":{\"$ref\":\"#/$defs/v\"}}}",
        "{\"type\":\"object\",\"properties\":{\"target_version\":{\"pattern\":\"^[0-9]+$\"}}}"})
    void validEmbeddedSchemasPass(String embedded) {
        ObjectNode schema = shipped();
        args(schema, 2, 5).set("schema", json(embedded));

        assertValid(validate(schema));
    }

    @Test
    void opsWithoutRequiredArgsAndStringFormatPass() {
        ObjectNode schema = shipped();
        pipeline(schema, 3).insert(4, op("parse.query", "{}"));
        pipeline(schema, 3).insert(5, op("string.format", "{\"template\":\"{namespace}/{name}\",\"out\":\"key\"}"));

        assertValid(validate(schema));
    }

    @Test
    void everyMissingArgIsReported() {
        ObjectNode schema = shipped();
        pipeline(schema, 3).insert(4, op("cache.get", "{}"));

        assertEquals(4, validate(schema).violationsOf(CHECK).size());
    }

    @Test
    void anUnknownOpIsReportedEvenWhenAllowed() {
        ObjectNode schema = shipped();
        arr(schema, "/ops/allowed").add("shell.exec");
        pipeline(schema, 3).insert(4, op("shell.exec", "{}"));

        ValidationReport report = validate(schema);

        assertEquals(1, report.violationsOf(CHECK).size());
        assertEquals("api.routes[3].pipeline[4].op", report.violationsOf(CHECK).get(0).path());
    }

    @Test
    void theSignatureTableMatchesTheShippedAllowList() {
        Set<String> allowed = new HashSet<>();
        shipped().at("/ops/allowed").forEach(op -> allowed.add(op.asText()));

        assertEquals(allowed, com.goodpackagerepo.schema.op.OpSpecs.names());
        assertTrue(com.goodpackagerepo.schema.op.OpSpecs.find("kv.get").orElseThrow().requiredArgs().containsKey("doc"));
    }
}
