package com.goodpackagerepo.pipeline.route;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /v1/{namespace}/{name}/latest}, matched segment by segment against the raw
 * (still percent-encoded) request path. A {field} segment is decoded after matching; a decoded value
 * holding a slash, backslash, control character, or being "." or "..", is refused, so encoded slashes
 * and dot segments can never reach a store key or a file path.
 */
public final class PathTemplate {
    private final String template;
    private final List<String> segments;

    public PathTemplate(String template) {
        this.template = template;
        this.segments = split(template);
    }

    public String template() {
        return template;
    }

    public int literalCount() {
        return (int) segments.stream().filter(s -> !isParam(s)).count();
    }

    /** Decoded field values when the raw path matches, else null. */
    public Map<String, String> match(List<String> rawSegments) {
        if (rawSegments.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = rawSegments.get(i);
            if (isParam(expected)) {
                params.put(expected.substring(1, expected.length() - 1), decodeSegment(actual));
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }

    /** Splits a raw request path into its segments (empty path segments are kept so "//" never matches). */
    public static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    static String decodeSegment(String raw) {
        String value;
        try {
            value = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Malformed percent-encoding in path");
        }
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Invalid path segment");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Invalid character in path segment");
            }
        }
        return value;
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
