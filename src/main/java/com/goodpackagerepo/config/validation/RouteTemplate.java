package com.goodpackagerepo.config.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed route path such as {@code /v1/{namespace}/{name}/latest}: after the leading {@code /},
 * each segment is a literal matching {@code [A-Za-z0-9._-]+} (but not {@code .} or {@code ..}) or a
 * field {@code {name}}; a field may appear only once.
 */
record RouteTemplate(List<String> segments) {

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** @throws IllegalArgumentException with a readable reason when {@code path} is malformed */
    static RouteTemplate parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("must start with \"/\"");
        }
        List<String> segments = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("must not contain an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("must not contain \"" + segment + "\" segments");
            }
            var field = FIELD.matcher(segment);
            if (field.matches() && !fields.add(field.group(1))) {
                throw new IllegalArgumentException("field {" + field.group(1) + "} appears more than once");
            }
            if (!field.matches() && !LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("segment \"" + segment
                        + "\" is neither a literal [A-Za-z0-9._-]+ nor a {field}");
            }
            segments.add(segment);
        }
        return new RouteTemplate(List.copyOf(segments));
    }

    /** The template with field names erased, so {@code /a/{x}} and {@code /a/{y}} compare equal. */
    String normalized() {
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            sb.append('/').append(isField(segment) ? "{}" : segment);
        }
        return sb.toString();
    }

    /** The first segment, when it is a literal. */
    Optional<String> firstLiteral() {
        String first = segments.get(0);
        return isField(first) ? Optional.empty() : Optional.of(first);
    }

    private static boolean isField(String segment) {
        return segment.startsWith("{");
    }
}
