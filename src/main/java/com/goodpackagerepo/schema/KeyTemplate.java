package com.goodpackagerepo.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document's {@code key_template} ({@code "artifact/{namespace}/{name}/{version}/{variant?}"}): literal text
 * and {@code {field}} placeholders, {@code {field?}} for an optional one. The only place keys are rendered from
 * fields and read back.
 */
public record KeyTemplate(String text) {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\??)}");

    public KeyTemplate {
        text = text == null ? "" : text;
    }

    /** The placeholder names in order, e.g. [namespace, name, version, variant]. */
    public List<String> fields() {
        List<String> names = new ArrayList<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The key for {@code fields}; an optional field ({@code {variant?}}) that is absent renders empty.
     *
     * @throws IllegalArgumentException when a required field has no value
     */
    public String render(Map<String, String> fields) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fields.get(m.group(1));
            if (value == null && m.group(2).isEmpty()) {
                throw new IllegalArgumentException("key template field " + m.group(1) + " has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The rendered text before the first placeholder {@code fields} cannot fill: the prefix of a listing. */
    public String prefix(Map<String, String> fields) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fields.get(m.group(1));
            if (value == null) {
                m.appendReplacement(out, "");
                return out.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The literal text before the first placeholder ("artifact/"): every key of the document starts with it. */
    public String literalPrefix() {
        return prefix(Map.of());
    }

    /**
     * Reads fields back out of a key rendered from this template (placeholders separated by literal text that
     * the values cannot contain, as the entity constraints guarantee for "/"); null when the key does not fit.
     */
    public Map<String, String> parse(String key) {
        if (key == null) {
            return null;
        }
        Matcher m = FIELD.matcher(text);
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        int pos = 0;
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(pos, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "([^/]*)");
            names.add(m.group(1));
            pos = m.end();
        }
        regex.append(Pattern.quote(text.substring(pos))).append('$');
        Matcher k = Pattern.compile(regex.toString()).matcher(key);
        if (!k.matches()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), k.group(i + 1));
        }
        return fields;
    }

    @Override
    public String toString() {
        return text;
    }
}
