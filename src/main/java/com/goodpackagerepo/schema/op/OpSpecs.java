package com.goodpackagerepo.schema.op;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The closed vocabulary: exactly these ops exist. The registry (one handler each), the schema's signature checks,
 * the access policy, the executor's CPU accounting and the digest-verification check all read this table.
 */
public final class OpSpecs {
    private static final Map<String, OpSpec> ALL = table();
    private static final Set<String> APPLY = applyNames();

    private OpSpecs() {
    }

    /** Every op name, in declaration order. */
    public static Set<String> names() {
        return ALL.keySet();
    }

    public static Optional<OpSpec> find(String op) {
        return Optional.ofNullable(ALL.get(op));
    }

    /** The ops a replication apply pipeline may use (those declared {@link OpSpec#apply}), in declaration order. */
    public static Set<String> applyOps() {
        return APPLY;
    }

    /** The spec of {@code op}, or null when it is not in the vocabulary (a hot-path look-up, no Optional). */
    public static OpSpec get(String op) {
        return ALL.get(op);
    }

    private static Map<String, OpSpec> table() {
        Map<String, OpSpec> t = new LinkedHashMap<>();
        add(t, "auth.require_scopes", args("scopes", ArgType.STRING_ARRAY));
        add(t, "parse.path", strings("entity"));
        add(t, "parse.query", Map.of());
        add(t, "parse.json", strings("out"));
        add(t, "normalize.entity", strings("entity"));
        add(t, "validate.entity", strings("entity"));
        add(t, "validate.json_schema", args("schema", ArgType.JSON_SCHEMA, "value", ArgType.ANY));
        addApply(t, "txn.begin", Map.of(), OpAccess.NONE);
        addApply(t, "txn.commit", Map.of(), OpAccess.NONE);
        add(t, "txn.abort", Map.of());
        add(t, "kv.get", strings("doc", "key", "out"), OpAccess.READ);
        addApply(t, "kv.put", args("doc", ArgType.STRING, "key", ArgType.STRING, "value", ArgType.ANY), OpAccess.WRITE);
        add(t, "kv.cas_put", args("doc", ArgType.STRING, "key", ArgType.STRING, "value", ArgType.ANY), OpAccess.WRITE);
        addApply(t, "kv.delete", strings("doc", "key"), OpAccess.WRITE);
        add(t, "blob.get", strings("store", "digest", "out"), OpAccess.READ);
        t.put("blob.put", new OpSpec("blob.put", strings("store", "from", "out"), OpAccess.WRITE, true,
                DigestFact.STORES_BLOB, false));
        add(t, "blob.verify_digest", strings("digest"));
        add(t, "index.query", args("index", ArgType.STRING, "key", ArgType.ANY, "out", ArgType.STRING), OpAccess.READ);
        addApply(t, "index.upsert", args("index", ArgType.STRING, "key", ArgType.ANY, "value", ArgType.ANY), OpAccess.WRITE);
        addApply(t, "index.delete", args("index", ArgType.STRING, "key", ArgType.ANY), OpAccess.WRITE);
        add(t, "cache.get", strings("kind", "key", "hit_out", "value_out"));
        add(t, "cache.put", args("kind", ArgType.STRING, "key", ArgType.STRING, "value", ArgType.ANY));
        t.put("proxy.fetch", new OpSpec("proxy.fetch", strings("upstream", "method", "path", "out"), OpAccess.NONE,
                true, DigestFact.VERIFIES_FETCHED_BODY, false));
        add(t, "emit.event", args("type", ArgType.STRING, "payload", ArgType.ANY));
        add(t, "respond.json", args("status", ArgType.STATUS, "body", ArgType.ANY));
        add(t, "respond.bytes", args("status", ArgType.STATUS, "body", ArgType.ANY));
        add(t, "respond.redirect", args("status", ArgType.STATUS, "location", ArgType.STRING));
        add(t, "respond.error", args("status", ArgType.STATUS, "code", ArgType.STRING, "message", ArgType.STRING));
        add(t, "time.now_iso8601", strings("out"));
        add(t, "string.format", strings("template", "out"));
        return Collections.unmodifiableMap(t);
    }

    private static Set<String> applyNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        ALL.values().stream().filter(OpSpec::apply).forEach(spec -> names.add(spec.name()));
        return Collections.unmodifiableSet(names);
    }

    /** An op that replication apply pipelines may use as well as routes. */
    private static void addApply(Map<String, OpSpec> table, String name, Map<String, ArgType> args, OpAccess access) {
        table.put(name, new OpSpec(name, args, access, false, DigestFact.NONE, true));
    }

    private static void add(Map<String, OpSpec> table, String name, Map<String, ArgType> args) {
        add(table, name, args, OpAccess.NONE);
    }

    private static void add(Map<String, OpSpec> table, String name, Map<String, ArgType> args, OpAccess access) {
        table.put(name, new OpSpec(name, args, access, false, DigestFact.NONE, false));
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
