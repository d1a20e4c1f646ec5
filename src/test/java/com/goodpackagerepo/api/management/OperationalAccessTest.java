package com.goodpackagerepo.api.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationalAccessTest {

    @Test
    void onlyTheMetricsOrAdminScopeOrTheScrapeTokenSeeEverything() {
        assertEquals(OperationalAccess.STATUS_ONLY, OperationalAccess.of(null, false));
        assertEquals(OperationalAccess.STATUS_ONLY, OperationalAccess.of(Principal.anonymousReader(), false));
        assertEquals(OperationalAccess.STATUS_ONLY, OperationalAccess.of(user("read", "write"), false));
        assertEquals(OperationalAccess.FULL, OperationalAccess.of(user("metrics"), false));
        assertEquals(OperationalAccess.FULL, OperationalAccess.of(user("admin"), false));
        assertEquals(OperationalAccess.FULL, OperationalAccess.of(null, true));
    }

    @Test
    void anonymousHealthCarriesTheOverallStatusAndNothingElse() {
        String full = "{\"status\":\"UP\",\"checks\":[{\"name\":\"disk-space\",\"status\":\"UP\",\"data\":{\"free_bytes\":1}}]}";
        assertEquals("{\"status\":\"UP\"}", text(OperationalEndpointsServlet.statusOnly(full.getBytes(StandardCharsets.UTF_8))));
        assertEquals("{\"status\":\"DOWN\"}", text(OperationalEndpointsServlet.statusOnly("{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("{\"status\":\"DOWN\"}", text(OperationalEndpointsServlet.statusOnly("<html>".getBytes(StandardCharsets.UTF_8))),
                "anything unreadable is DOWN, never passed through");
    }

    @Test
    void theStaticScrapeTokenMustBeLongAndMatchExactly() {
        ManagementSettings settings = new ManagementSettings();
        settings.metricsToken = Optional.of("0123456789abcdef0123456789abcdef");
        assertTrue(settings.isMetricsToken("0123456789abcdef0123456789abcdef"));
        assertFalse(settings.isMetricsToken("0123456789abcdef0123456789abcdeF"));
        assertFalse(settings.isMetricsToken(null));
        settings.metricsToken = Optional.of("short-token");
        assertFalse(settings.isMetricsToken("short-token"), "a guessable token is ignored");
        assertTrue(settings.metricsTokenTooShort());
        settings.metricsToken = Optional.empty();
        assertFalse(settings.isMetricsToken(""));
    }

    @Test
    void aWildcardManagementHostIsReachedOnLoopback() {
        ManagementSettings settings = new ManagementSettings();
        settings.port = 9085;
        settings.host = "*";
        assertEquals("http://127.0.0.1:9085", settings.baseUrl());
        settings.host = "::1";
        assertEquals("http://[::1]:9085", settings.baseUrl());
    }

    private static Principal user(String... scopes) {
        return new Principal("u", Set.of(scopes), "t", false);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
