package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves op arguments against a pipeline context.
 * <ul>
 *   <li>{@code "$var"}, {@code "$var.a.b"}, {@code "$rows[0].version"}: the variable's value, type kept;</li>
 *   <li>{@code "{field}"}: an entity field, then a parsed JSON body field, then a variable;
 *       {@code {principal.sub}}, {@code {event.payload}}; {@code {field?}} is empty when absent;</li>
 *   <li>inside longer strings both forms are replaced by their text ({@code "\"$meta.blob_digest\""}).</li>
 * </ul>
 * A reference that resolves to nothing inside a string is an error naming the reference, not silent text.
 */
public final class Interpolator {
    private static final String VAR_PATH = "[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+|\\[\\d+\\])*";
    private static final String BRACE_PATH = "[A-Za-z_][A-Za-z0-9_.]*";
    private static final Pattern WHOLE_VAR = Pattern.compile("^\\$(" + VAR_PATH + ")$");
    private static final Pattern WHOLE_BRACE = Pattern.compile("^\\{(" + BRACE_PATH + ")(\\?)?}$");
    private static final Pattern EMBEDDED = Pattern.compile(
            "\\{(" + BRACE_PATH + ")(\\?)?}|\\$(" + VAR_PATH + ")");
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z0-9_]+)|\\[(\\d+)]");

    private Interpolator() {
    }

    /** Resolves a template to a value: a JSON node, or a non-JSON object (blob, upstream response), or null. */
    public static Object resolve(JsonNode template, PipelineContext ctx) {
        if (template == null || template.isMissingNode()) {
            return null;
        }
        if (template.isTextual()) {
            return resolveText(template.asText(), ctx);
        }
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), PipelineValues.toNode(resolve(e.getValue(), ctx)));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(item -> out.add(PipelineValues.toNode(resolve(item, ctx))));
            return out;
        }
        return template;
    }

    /** Resolves to a JSON node (JSON null for nothing). */
    public static JsonNode resolveNode(JsonNode template, PipelineContext ctx) {
        return PipelineValues.toNode(resolve(template, ctx));
    }

    /** Resolves to text; null when the template resolves to nothing. */
    public static String resolveString(JsonNode template, PipelineContext ctx) {
        Object value = PipelineValues.unwrap(resolve(template, ctx));
        return value == null ? null : PipelineValues.text(value);
    }

    private static Object resolveText(String text, PipelineContext ctx) {
        Matcher var = WHOLE_VAR.matcher(text);
        if (var.matches()) {
            return lookupVar(var.group(1), ctx);
        }
        Matcher brace = WHOLE_BRACE.matcher(text);
        if (brace.matches()) {
            Object value = lookupBrace(brace.group(1), ctx);
            if (value == null && brace.group(2) == null) {
                throw missing("{" + brace.group(1) + "}");
            }
            return value == null ? TextNode.valueOf("") : value;
        }
        if (text.indexOf('{') < 0 && text.indexOf('$') < 0) {
            return TextNode.valueOf(text);
        }
        Matcher m = EMBEDDED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value;
            if (m.group(1) != null) {
                value = lookupBrace(m.group(1), ctx);
                if (value == null && m.group(2) == null) {
                    throw missing("{" + m.group(1) + "}");
                }
            } else {
                value = lookupVar(m.group(3), ctx);
                if (PipelineValues.isNull(value)) {
                    throw missing("$" + m.group(3));
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(PipelineValues.text(value)));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    /** $name.a[0].b */
    static Object lookupVar(String path, PipelineContext ctx) {
        int end = firstSeparator(path);
        Object value = ctx.var(path.substring(0, end));
        return navigate(value, path.substring(end));
    }

    /** {name} or {principal.sub} or {event.payload} or {body.field} */
    static Object lookupBrace(String path, PipelineContext ctx) {
        if (path.startsWith("principal.")) {
            String part = path.substring("principal.".length());
            if (ctx.principal() == null) {
                return "sub".equals(part) ? TextNode.valueOf("anonymous") : null;
            }
            return switch (part) {
                case "sub" -> TextNode.valueOf(ctx.principal().sub());
                case "scopes" -> PipelineValues.toNode(JsonNodeFactory.instance.arrayNode()
                        .addAll(ctx.principal().scopes().stream().map(TextNode::valueOf).toList()));
                default -> null;
            };
        }
        if (path.indexOf('.') < 0) {
            String field = ctx.fields().get(path);
            if (field != null) {
                return TextNode.valueOf(field);
            }
            JsonNode bodyField = ctx.bodyFields().get(path);
            if (bodyField != null && !bodyField.isNull()) {
                return bodyField;
            }
            return ctx.var(path);
        }
        String dotted = path.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
        return lookupVar(dotted, ctx);
    }

    private static Object navigate(Object start, String rest) {
        Object value = start;
        Matcher m = SEGMENT.matcher(rest);
        while (m.find() && value != null) {
            Object plain = PipelineValues.unwrap(value);
            if (plain == null) {
                return null;
            }
            if (m.group(1) != null) {
                String name = m.group(1);
                if (plain instanceof Navigable navigable) {
                    value = navigable.part(name);
                } else if (plain instanceof JsonNode node) {
                    JsonNode child = node.get(name);
                    value = child;
                } else {
                    return null;
                }
            } else {
                int index = Integer.parseInt(m.group(2));
                value = plain instanceof JsonNode node && node.isArray() ? node.get(index) : null;
            }
        }
        return value;
    }

    private static int firstSeparator(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                return i;
            }
        }
        return path.length();
    }

    private static DomainException missing(String reference) {
        return new DomainException(ErrorCode.INVALID_REQUEST, "Missing value for " + reference);
    }
}
