package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** val.route_conflicts. */
class RouteConflictTest {

    /** Appends a copy of route 3 (resolve_latest) with a new id, method and path; it becomes api.routes[5]. */
    private static ObjectNode withExtraRoute(String method, String path) {
        ObjectNode schema = shipped();
        ObjectNode route = schema.at("/api/routes/3").deepCopy();
        route.put("id", "extra_route").put("method", method).put("path", path);
        arr(schema, "/api/routes").add(route);
        return schema;
    }

    @Test
    void sameTemplateWithRenamedFieldsConflicts() {
        ValidationReport report = validate(withExtraRoute("GET", "/v1/{ns}/{pkg}/latest"));

        assertOnlyViolation(report, CheckIds.ROUTE_CONFLICTS, "api.routes[5].path");
        assertTrue(report.violations().get(0).message().contains("resolve_latest"));
    }

    @Test
    void samePathWithAnotherMethodDoesNotConflict() {
        assertValid(validate(withExtraRoute("HEAD", "/v1/{namespace}/{name}/latest")));
    }

    @Test
    void aLiteralWhereTheOtherHasAFieldDoesNotConflict() {
        assertValid(validate(withExtraRoute("GET", "/v1/{namespace}/{name}/newest")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/{namespace}/{name}", "/health", "/Metrics/x", "/ui/{name}", "/schema",
        "/auth/login", "/openapi"})
    void aReservedFirstSegmentIsRejected(String path) {
        assertOnlyViolation(validate(withExtraRoute("GET", path)), CheckIds.ROUTE_CONFLICTS, "api.routes[5].path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/catalog", "/v1/catalog/namespaces", "/v1/catalog/package"})
    void aFixedCatalogPathIsRejected(String path) {
        ValidationReport report = validate(withExtraRoute("GET", path));
        assertOnlyViolation(report, CheckIds.ROUTE_CONFLICTS, "api.routes[5].path");
        assertTrue(report.violations().get(0).message().contains("fixed endpoint"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/catalog/{name}", "/v1/{namespace}/namespaces", "/v1/catalog/package/{name}"})
    void pathsThatOnlyMatchACatalogPathForSomeValuesAreFine(String path) {
        assertValid(validate(withExtraRoute("GET", path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/admin/{name}", "/{namespace}/health", "/administration"})
    void reservedWordsElsewhereAreFine(String path) {
        assertValid(validate(withExtraRoute("GET", path)));
    }
}
