package com.goodpackagerepo.config.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.config.ConfigCollection;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin API's configuration writes. Each one is applied to a copy of the current schema, which must
 * pass every load-time check before it is stored and swapped in ({@link ConfigService#update}); the next
 * request sees it. A write names the revision it was based on (If-Match, else the current one) and is
 * refused with 409 when another write came first, so concurrent admins never lose each other's change.
 * Every committed change is an audit event {@code config.changed} with who, what, before and after.
 */
@ApplicationScoped
public class ConfigEditor {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern FEATURE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    private static final int MAX_ROUTE_PATH = 1024;

    @Inject
    ConfigService configService;
    @Inject
    AuditLog audit;

    /** Adds an item; 409 ALREADY_EXISTS when the name is taken. */
    public Change create(String by, Long ifMatch, ConfigCollection collection, String name, JsonNode body) {
        checkName(collection, name);
        JsonNode item = item(collection, name, body);
        RepositoryConfig base = configService.current();
        if (collection.get(base.schema(), name).isPresent()) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "A " + collection.singular() + " named " + name + " exists");
        }
        return commit(by, expected(base, ifMatch), collection, "create", name, null, item,
                schema -> collection.put(schema, name, item));
    }

    /** Replaces an existing item; 404 when there is none. */
    public Change replace(String by, Long ifMatch, ConfigCollection collection, String name, JsonNode body) {
        JsonNode item = item(collection, name, body);
        RepositoryConfig base = configService.current();
        JsonNode before = existing(base, collection, name);
        return commit(by, expected(base, ifMatch), collection, "replace", name, before, item,
                schema -> collection.put(schema, name, item));
    }

    public Change delete(String by, Long ifMatch, ConfigCollection collection, String name) {
        RepositoryConfig base = configService.current();
        JsonNode before = existing(base, collection, name);
        return commit(by, expected(base, ifMatch), collection, "delete", name, before, null,
                schema -> collection.remove(schema, name));
    }

    /** Sets (true/false) or removes (null) feature flags; other flags keep their value and position. */
    public Change updateFeatures(String by, Long ifMatch, ObjectNode flags) {
        for (Iterator<Map.Entry<String, JsonNode>> it = flags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> flag = it.next();
            if (!FEATURE.matcher(flag.getKey()).matches()) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "feature names must match " + FEATURE.pattern());
            }
            if (!flag.getValue().isBoolean() && !flag.getValue().isNull()) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "feature " + flag.getKey() + " must be true, false or null");
            }
        }
        RepositoryConfig base = configService.current();
        JsonNode before = base.schema().path("features").deepCopy();
        RepositoryConfig after = configService.update(expected(base, ifMatch), by, schema -> {
            JsonNode features = schema.get("features");
            ObjectNode target = features instanceof ObjectNode object ? object : schema.putObject("features");
            flags.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    target.remove(f.getKey());
                } else {
                    target.set(f.getKey(), f.getValue());
                }
            });
        });
        JsonNode now = after.schema().path("features");
        record(by, "update", "features", null, before, now, after.revision());
        return new Change(after, before, now);
    }

    private Change commit(String by, long expected, ConfigCollection collection, String action, String name,
                          JsonNode before, JsonNode item, java.util.function.Consumer<ObjectNode> change) {
        RepositoryConfig after = configService.update(expected, by, change);
        JsonNode now = collection.get(after.schema(), name).orElse(null);
        record(by, action, collection.name().toLowerCase(java.util.Locale.ROOT), name, before, now, after.revision());
        return new Change(after, before, now);
    }

    private void record(String by, String action, String what, String name, JsonNode before, JsonNode after,
                        long revision) {
        ObjectNode details = AuditLog.details();
        details.put("action", action);
        details.put("section", what);
        if (name != null) {
            details.put("name", name);
        }
        details.put("revision", revision);
        details.set("before", before == null ? null : before.deepCopy());
        details.set("after", after == null ? null : after.deepCopy());
        audit.record("config.changed", by, details);
    }

    private static JsonNode existing(RepositoryConfig base, ConfigCollection collection, String name) {
        return collection.get(base.schema(), name).<JsonNode>map(JsonNode::deepCopy).orElseThrow(() ->
                new DomainException(ErrorCode.NOT_FOUND, "No " + collection.singular() + " named " + name));
    }

    private static long expected(RepositoryConfig base, Long ifMatch) {
        return ifMatch == null ? base.revision() : ifMatch;
    }

    private static void checkName(ConfigCollection collection, String name) {
        if (name == null || !NAME.matcher(name).matches() || collection.reserved(name)) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A " + collection.singular() + " name must match "
                    + NAME.pattern() + (collection == ConfigCollection.ENTITIES ? " and not be \"versioning\"" : ""));
        }
    }

    /**
     * The item as stored, from a request body in the schema's own form. A route carries its name as
     * {@code id}; other items may carry it as {@code name}, which is dropped (their name is their key).
     */
    private static JsonNode item(ConfigCollection collection, String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A " + collection.singular() + " must be a JSON object");
        }
        ObjectNode item = ((ObjectNode) body).deepCopy();
        String key = collection == ConfigCollection.ROUTES ? "id" : "name";
        JsonNode given = item.get(key);
        if (given != null && !name.equals(given.asText(null))) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "The body's " + key + " must be " + name);
        }
        if (collection == ConfigCollection.ROUTES) {
            if (given == null) {
                ObjectNode named = com.goodpackagerepo.json.Json.object();
                named.put("id", name);
                named.setAll(item);
                item = named;
            }
            if (item.path("path").asText("").length() > MAX_ROUTE_PATH) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "A route path must be at most " + MAX_ROUTE_PATH + " characters");
            }
        } else {
            item.remove("name");
        }
        return item;
    }

    /** A committed change: the new configuration and the item (or features) before and after. */
    public record Change(RepositoryConfig config, JsonNode before, JsonNode after) {
    }
}
