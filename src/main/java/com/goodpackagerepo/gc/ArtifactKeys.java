package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Document keys the collector works with, rendered from the schema's {@code key_template}s: artifacts, the
 * tags of a package, and the collector's own documents (tombstones of deleted artifacts, run records).
 */
public final class ArtifactKeys {
    public static final String ARTIFACT_DOC = "artifact_meta";
    public static final String TAG_DOC = "tag_map";
    /** A deleted artifact's key under this prefix keeps its digest: {@code tombstone/artifact/ns/name/1.0.0/x}. */
    public static final String TOMBSTONE_PREFIX = "tombstone/";
    static final String RUN_PREFIX = "gcrun/";

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\??)}");

    private ArtifactKeys() {
    }

    public static String tombstone(String artifactKey) {
        return TOMBSTONE_PREFIX + artifactKey;
    }

    /** The {@code artifact_meta} key of an artifact's (normalized) fields. */
    public static String artifactKey(JsonNode schema, Map<String, String> fields) {
        return render(template(schema, ARTIFACT_DOC), fields);
    }

    static String template(JsonNode schema, String document) {
        return schema.path("storage").path("documents").path(document).path("key_template").asText("");
    }

    /** The key for {@code fields}; an optional field ({@code {variant?}}) that is absent renders empty. */
    static String render(String template, Map<String, String> fields) {
        Matcher m = FIELD.matcher(template);
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
    static String prefix(String template, Map<String, String> fields) {
        Matcher m = FIELD.matcher(template);
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

    /**
     * Reads fields back out of a key rendered from {@code template} (placeholders separated by literal text that
     * the values cannot contain, as the entity constraints guarantee for "/"); null when the key does not fit.
     */
    static Map<String, String> parse(String template, String key) {
        Matcher m = FIELD.matcher(template);
        StringBuilder regex = new StringBuilder("^");
        java.util.List<String> names = new java.util.ArrayList<>();
        int pos = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(pos, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "([^/]*)");
            names.add(m.group(1));
            pos = m.end();
        }
        regex.append(Pattern.quote(template.substring(pos))).append('$');
        Matcher k = Pattern.compile(regex.toString()).matcher(key);
        if (!k.matches()) {
            return null;
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), k.group(i + 1));
        }
        return fields;
    }
}
