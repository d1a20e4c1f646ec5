package com.goodpackagerepo.config.validation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The paths the server's own endpoints own, which configured routes can neither take nor shadow: every path whose
 * first segment is {@link #RESERVED_FIRST_SEGMENTS reserved} (the route validator refuses routes there), the
 * catalog API's paths, the context root (the web UI's redirect) and the container's error page. Every other
 * path is matched against the configured routes.
 */
public final class FixedEndpoints {
    /** First path segments of the server's own endpoints; compared without regard to case. */
    public static final List<String> RESERVED_FIRST_SEGMENTS =
            List.of(".well-known", "auth", "admin", "downloads", "health", "maven", "metrics", "openapi", "schema", "ui",
                    "uploads");
    /** Exact paths of fixed endpoints under an otherwise open prefix. */
    public static final Set<String> FIXED_PATHS =
            Set.of("", "/", "/_container-error", "/v1/catalog", "/v1/catalog/namespaces", "/v1/catalog/package");

    private FixedEndpoints() {
    }

    /** Whether {@code rawPath} (the request URI below the context root, still encoded) is a fixed endpoint's. */
    public static boolean owns(String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (FIXED_PATHS.contains(path)) {
            return true;
        }
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String first = path.substring(start, end < 0 ? path.length() : end).toLowerCase(Locale.ROOT);
        return RESERVED_FIRST_SEGMENTS.contains(first);
    }
}
