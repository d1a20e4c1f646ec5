package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.pipeline;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** val.route_shape and val.pipeline_shape. */
class RouteShapeTest {

    private static final String ROUTE_3 = "/api/routes/3";

    static Stream<Arguments> malformedRoutes() {
        return Stream.of(
                malformed("id with spaces", s -> obj(s, ROUTE_3).put("id", "Resolve Latest"), "api.routes[3].id"),
                malformed("id too long", s -> obj(s, ROUTE_3).put("id", "r".repeat(65)), "api.routes[3].id"),
                malformed("unknown method", s -> obj(s, ROUTE_3).put("method", "FETCH"), "api.routes[3].method"),
                malformed("lower-case method", s -> obj(s, ROUTE_3).put("method", "get"), "api.routes[3].method"),
                malformed("tags not strings", s -> obj(s, ROUTE_3).set("tags", json("[1]")), "api.routes[3].tags"),
                malformed("empty pipeline", s -> obj(s, ROUTE_3).set("pipeline", json("[]")), "api.routes[3].pipeline"),
                malformed("pipeline not array", s -> obj(s, ROUTE_3).put("pipeline", "x"), "api.routes[3].pipeline"),
                malformed("op entry not object", s -> pipeline(s, 3).set(0, json("\"auth\"")),
                        "api.routes[3].pipeline[0]"),
                malformed("op missing", s -> ((ObjectNode) pipeline(s, 3).get(0)).remove("op"),
                        "api.routes[3].pipeline[0].op"),
                malformed("args not object", s -> ((ObjectNode) pipeline(s, 0).get(11)).put("args", "none"),
                        "api.routes[0].pipeline[11].args"),
                malformed("route not object", s -> arr(s, "/api/routes").add("route"), "api.routes[5]"),
                malformed("apply pipeline empty",
                        s -> obj(s, "/replication/apply_pipelines").set("apply_tag_updated", json("[]")),
                        "replication.apply_pipelines.apply_tag_updated"),
                malformed("apply pipeline op missing",
                        s -> obj(s, "/replication/apply_pipelines/apply_tag_updated/1").remove("op"),
                        "replication.apply_pipelines.apply_tag_updated[1].op"));
    }

    private static Arguments malformed(String name, Consumer<ObjectNode> mutation, String path) {
        return Arguments.of(name, mutation, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRoutes")
    void aMalformedRouteIsRejectedAtItsPath(String name, Consumer<ObjectNode> mutation, String path) {
        ObjectNode schema = shipped();
        mutation.accept(schema);

        String checkId = path.startsWith("replication") ? CheckIds.PIPELINE_SHAPE : CheckIds.ROUTE_SHAPE;
        assertOnlyViolation(validate(schema), checkId, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/{namespace}/{name}/latest", "/v1/{namespace}/../latest", "/v1/./{namespace}/{name}",
        "/v1/{namespace}/{namespace}/latest", "/v1//{namespace}/{name}", "/v1/{namespace}/{name}/", "/",
        "/v1/{namespace}/{name}/lat est", "/v1/{name-space}/{name}", "/v1/{}/{name}", "/v1/pre{namespace}/{name}"})
    void aMalformedRoutePathIsRejected(String path) {
        ObjectNode schema = shipped();
        obj(schema, ROUTE_3).put("path", path);

        assertOnlyViolation(validate(schema), CheckIds.ROUTE_SHAPE, "api.routes[3].path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/{namespace}/{name}/latest-version.json", "/V1/{namespace}/{name}/_latest", "/latest"})
    void wellFormedRoutePathsPass(String path) {
        ObjectNode schema = shipped();
        obj(schema, ROUTE_3).put("path", path);

        assertValid(validate(schema));
    }

    @Test
    void argsMayBeAbsentAndExtraMembersAreIgnored() {
        ObjectNode schema = shipped();
        ObjectNode commit = (ObjectNode) pipeline(schema, 0).get(11);
        commit.remove("args");
        commit.put("comment", "commit the publish");
        obj(schema, ROUTE_3).remove("tags");
        obj(schema, ROUTE_3).put("id", "v1.resolve-latest_2");

        assertValid(validate(schema));
    }
}
