package com.goodpackagerepo.config.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code /.well-known} (the JWKS) belongs to the server: configured routes can neither take nor shadow it. */
class WellKnownReservedTest {
    @Test
    void wellKnownIsAFixedEndpointsPrefix() {
        assertTrue(FixedEndpoints.owns("/.well-known/jwks.json"));
        assertTrue(FixedEndpoints.owns("/.Well-Known/openid-configuration"));
        assertTrue(FixedEndpoints.RESERVED_FIRST_SEGMENTS.contains(".well-known"));
        assertFalse(FixedEndpoints.owns("/well-known/jwks.json"));
    }
}
