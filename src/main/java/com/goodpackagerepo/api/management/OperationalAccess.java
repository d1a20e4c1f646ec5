package com.goodpackagerepo.api.management;

import com.goodpackagerepo.auth.Principal;

/** What a caller may see of the operational endpoints. */
public enum OperationalAccess {
    /** Metrics, OpenAPI and health with every check's details. */
    FULL,
    /** Health's overall UP/DOWN only (the status code and {@code {"status":…}}); nothing else. */
    STATUS_ONLY;

    /** The scope that grants {@link #FULL}; {@code admin} grants it too. */
    public static final String METRICS_SCOPE = "metrics";

    /** {@code principal} is null for a caller without a credential. */
    public static OperationalAccess of(Principal principal, boolean staticScrapeToken) {
        if (staticScrapeToken) {
            return FULL;
        }
        if (principal == null || principal.anonymous()) {
            return STATUS_ONLY;
        }
        return principal.hasScope(METRICS_SCOPE) || principal.hasScope("admin") ? FULL : STATUS_ONLY;
    }
}
