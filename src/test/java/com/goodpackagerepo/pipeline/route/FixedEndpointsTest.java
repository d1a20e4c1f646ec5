package com.goodpackagerepo.pipeline.route;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.config.validation.FixedEndpoints;
import org.junit.jupiter.api.Test;

class FixedEndpointsTest {

    @Test
    void reservedFirstSegmentsAndCatalogPathsAreFixed() {
        for (String path : new String[] {"/auth/login", "/auth", "/admin", "/admin/users/x", "/ADMIN/config", "/schema",
                "/ui/", "/ui/app.js", "/health/ready", "/metrics", "/openapi/ui", "/", "", "/_container-error", "/downloads",
                "/downloads/sha256:0a1b",
                "/v1/catalog", "/v1/catalog/", "/v1/catalog/namespaces", "/v1/catalog/package"}) {
            assertTrue(FixedEndpoints.owns(path), path);
        }
    }

    @Test
    void everythingElseGoesToTheConfiguredRoutes() {
        for (String path : new String[] {"/v1/acme/app/1.0.0/linux/blob", "/v1/acme/app/latest", "/v1/catalog/x/versions",
                "/v1/catalog/namespaces/latest", "/authx", "/administrator", "/uix/a", "/favicon.ico", "/v1", "/downloadsx"}) {
            assertFalse(FixedEndpoints.owns(path), path);
        }
    }
}
