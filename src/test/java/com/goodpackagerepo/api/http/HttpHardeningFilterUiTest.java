package com.goodpackagerepo.api.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpHardeningFilterUiTest {

    @Test
    void onlyTheUiGetsTheUiPolicy() {
        assertTrue(HttpHardeningFilter.isUi("/ui"));
        assertTrue(HttpHardeningFilter.isUi("/ui/js/app.js"));
        assertFalse(HttpHardeningFilter.isUi("/uix"));
        assertFalse(HttpHardeningFilter.isUi("/v1/ui/app/latest"));
    }

    @Test
    void theUiPolicyAllowsOwnFilesOnlyAndNothingInline() {
        String csp = HttpHardeningFilter.UI_CSP;
        assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'"), csp);
    }
}
