package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into a schema that may fan out: {@code name} selects an object member, {@code *} every
 * member, {@code []} every array element and {@code [n]} one element, e.g. {@code indexes.*.keys[].name}.
 */
final class PathPattern {

    /** One node selected by a pattern, with its concrete path. */
    record Match(String path, JsonNode node) {
    }

    private sealed interface Step permits Member, AnyMember, AnyElement, Element {
    }

    private record Member(String name) implements Step {
    }

    private record AnyMember() implements Step {
    }

    private record AnyElement() implements Step {
    }

    private record Element(int index) implements Step {
    }

    private static final Pattern SEGMENT = Pattern.compile("(\\*|[A-Za-z0-9_$-]+)((?:\\[\\d*])*)");
    private static final Pattern BRACKET = Pattern.compile("\\[(\\d*)]");

    private final String text;
    private final List<Step> steps;

    private PathPattern(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** @throws IllegalArgumentException when {@code text} is not a well-formed pattern */
    static PathPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        List<Step> steps = new ArrayList<>();
        for (String segment : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed path '" + text + "' at segment '" + segment + "'");
            }
            steps.add("*".equals(m.group(1)) ? new AnyMember() : new Member(m.group(1)));
            Matcher b = BRACKET.matcher(m.group(2));
            while (b.find()) {
                steps.add(b.group(1).isEmpty() ? new AnyElement() : new Element(Integer.parseInt(b.group(1))));
            }
        }
        return new PathPattern(text, List.copyOf(steps));
    }

    boolean hasWildcards() {
        return steps.stream().anyMatch(s -> s instanceof AnyMember || s instanceof AnyElement);
    }

    /** The concrete path in front of the first wildcard ({@code api.routes} for {@code api.routes[].id}). */
    String fixedPrefix() {
        String path = "";
        for (Step step : steps) {
            if (step instanceof Member m) {
                path = SchemaPaths.child(path, m.name());
            } else if (step instanceof Element e) {
                path = SchemaPaths.index(path, e.index());
            } else {
                break;
            }
        }
        return path;
    }

    /** Every existing node the pattern selects, in document order. */
    List<Match> matches(JsonNode root) {
        List<Match> current = List.of(new Match("", root));
        for (Step step : steps) {
            List<Match> next = new ArrayList<>();
            for (Match match : current) {
                expand(step, match, next);
            }
            current = next;
        }
        return current;
    }

    private static void expand(Step step, Match from, List<Match> into) {
        JsonNode node = from.node();
        if (step instanceof Member m && node.isObject() && node.has(m.name())) {
            into.add(new Match(SchemaPaths.child(from.path(), m.name()), node.get(m.name())));
        } else if (step instanceof AnyMember && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                into.add(new Match(SchemaPaths.child(from.path(), e.getKey()), e.getValue()));
            }
        } else if (step instanceof AnyElement && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(new Match(SchemaPaths.index(from.path(), i), node.get(i)));
            }
        } else if (step instanceof Element e && node.isArray() && e.index() < node.size()) {
            into.add(new Match(SchemaPaths.index(from.path(), e.index()), node.get(e.index())));
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
