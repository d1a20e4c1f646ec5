package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The closed table of ops this server implements and the arguments each one requires.
 *
 * <p>Only required arguments are listed; ops may take further optional ones (e.g. {@code if_absent},
 * {@code headers}, {@code isolation}), which are not checked here. Every op may take a {@code when}
 * condition, checked by {@link WhenCondition}.
 */
public final class OpSignatures {

    /** What a required argument must look like. */
    public enum ArgType {
        /** A non-blank string (a name, template or {@code $variable}). */
        STRING("a non-empty string"),
        /** An array of strings. */
        STRING_ARRAY("an array of strings"),
        /** Any value but null. */
        ANY("present and not null"),
        /** An integer HTTP status in 100..599. */
        STATUS("an integer HTTP status in 100..599"),
        /** An embedded JSON Schema (an object or a boolean). */
        JSON_SCHEMA("a JSON Schema (an object or a boolean)");

        private final String description;

        ArgType(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public boolean accepts(JsonNode value) {
            return switch (this) {
                case STRING -> JsonValues.isName(value);
                case STRING_ARRAY -> JsonValues.isStringArray(value);
                case ANY -> !value.isMissingNode() && !value.isNull();
                case STATUS -> JsonValues.isIntegerIn(value, 100, 599);
                case JSON_SCHEMA -> value.isObject() || value.isBoolean();
            };
        }
    }

    private static final Map<String, Map<String, ArgType>> REQUIRED = table();

    private OpSignatures() {
    }

    /** Every op name this server implements. */
    public static Set<String> ops() {
        return REQUIRED.keySet();
    }

    public static boolean isKnown(String op) {
        return REQUIRED.containsKey(op);
    }

    /** The required arguments of {@code op} in declaration order, or empty for an unknown op. */
    public static Optional<Map<String, ArgType>> requiredArgs(String op) {
        return Optional.ofNullable(REQUIRED.get(op));
    }

    private static Map<String, Map<String, ArgType>> table() {
        Map<String, Map<String, ArgType>> t = new LinkedHashMap<>();
        t.put("auth.require_scopes", Map.of("scopes", ArgType.STRING_ARRAY));
        t.put("parse.path", Map.of("entity", ArgType.STRING));
        t.put("parse.query", Map.of());
        t.put("parse.json", Map.of("out", ArgType.STRING));
        t.put("normalize.entity", Map.of("entity", ArgType.STRING));
        t.put("validate.entity", Map.of("entity", ArgType.STRING));
        t.put("validate.json_schema", args("schema", ArgType.JSON_SCHEMA, "value", ArgType.ANY));
        t.put("txn.begin", Map.of());
        t.put("txn.commit", Map.of());
        t.put("txn.abort", Map.of());
        t.put("kv.get", strings("doc", "key", "out"));
        t.put("kv.put", args("doc", ArgType.STRING, "key", ArgType.STRING, "value", ArgType.ANY));
        t.put("kv.cas_put", args("doc", ArgType.STRING, "key", ArgType.STRING, "value", ArgType.ANY));
        t.put("kv.delete", strings("doc", "key"));
        t.put("blob.get", strings("store", "digest", "out"));
        t.put("blob.put", strings("store", "from", "out"));
        t.put("blob.verify_digest", strings("digest"));
        t.put("index.query", args("index", ArgType.STRING, "key", ArgType.ANY, "out", ArgType.STRING));
        t.put("index.upsert", args("index", ArgType.STRING, "key", ArgType.ANY, "value", ArgType.ANY));
        t.put("index.delete", args("index", ArgType.STRING, "key", ArgType.ANY));
        t.put("cache.get", strings("kind", "key", "hit_out", "value_out"));
        t.put("cache.put", args("kind", ArgType.STRING, "key", ArgType.STRING, "value", ArgType.ANY));
        t.put("proxy.fetch", strings("upstream", "method", "path", "out"));
        t.put("emit.event", args("type", ArgType.STRING, "payload", ArgType.ANY));
        t.put("respond.json", args("status", ArgType.STATUS, "body", ArgType.ANY));
        t.put("respond.bytes", args("status", ArgType.STATUS, "body", ArgType.ANY));
        t.put("respond.redirect", args("status", ArgType.STATUS, "location", ArgType.STRING));
        t.put("respond.error", args("status", ArgType.STATUS, "code", ArgType.STRING, "message", ArgType.STRING));
        t.put("time.now_iso8601", strings("out"));
        t.put("string.format", strings("template", "out"));
        return Collections.unmodifiableMap(t);
    }

    private static Map<String, ArgType> strings(String... names) {
        Map<String, ArgType> m = new LinkedHashMap<>();
        for (String name : names) {
            m.put(name, ArgType.STRING);
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, ArgType> args(Object... namesAndTypes) {
        Map<String, ArgType> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            m.put((String) namesAndTypes[i], (ArgType) namesAndTypes[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
