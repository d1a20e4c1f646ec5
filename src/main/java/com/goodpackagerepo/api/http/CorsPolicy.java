package com.goodpackagerepo.api.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API, and the CORS headers that say so. Only origins listed exactly
 * (scheme, host and port, e.g. {@code http://localhost:3000}) are allowed; none by default, and no
 * wildcard. Credentials (cookies) are never allowed: the API authenticates with a bearer token in the
 * Authorization header, which needs none. Pure logic, no servlet types, so it is tested on its own.
 */
public final class CorsPolicy {
    /** Includes the tus headers, so a browser client on another origin can resume an upload (docs/api.md). */
    static final String EXPOSED_HEADERS = "ETag, Link, Location, Retry-After, WWW-Authenticate, X-Request-Id, "
            + "Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, "
            + "Upload-Offset, Upload-Length, Upload-Expires, Upload-Metadata";

    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final long maxAgeSeconds;

    public CorsPolicy(List<String> origins, List<String> methods, List<String> headers, long maxAgeSeconds) {
        this.origins = origins.stream().map(CorsPolicy::normalizeOrigin).filter(o -> !o.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.methods = methods.stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).filter(m -> !m.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.headers = headers.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** Splits a comma-separated setting. */
    public static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean allows(String origin) {
        return origin != null && origins.contains(normalizeOrigin(origin));
    }

    /**
     * The answer to a preflight: the headers to send with 204, or null when the browser must be refused
     * (origin not listed, or a method or header it may not use).
     */
    public Map<String, String> preflight(String origin, String requestMethod, String requestHeaders) {
        if (!allows(origin) || requestMethod == null || !methods.contains(requestMethod.trim().toUpperCase(Locale.ROOT))) {
            return null;
        }
        for (String header : list(requestHeaders)) {
            if (!headers.contains(header.toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Access-Control-Allow-Origin", origin);
        out.put("Access-Control-Allow-Methods", String.join(", ", methods));
        out.put("Access-Control-Allow-Headers", String.join(", ", headers));
        out.put("Access-Control-Max-Age", String.valueOf(maxAgeSeconds));
        out.put("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        return out;
    }

    /** Headers for an actual (non-preflight) request from {@code origin}; empty when it is not allowed. */
    public Map<String, String> actual(String origin) {
        if (!allows(origin)) {
            return Map.of("Vary", "Origin");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Access-Control-Allow-Origin", origin);
        out.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        out.put("Vary", "Origin");
        return out;
    }

    private static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
