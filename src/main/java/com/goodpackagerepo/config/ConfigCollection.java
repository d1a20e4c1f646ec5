package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of the repository schema that the admin API edits one named item at a time: routes (the
 * array {@code api.routes}, named by {@code id}) and the named members of {@code entities},
 * {@code storage.blob_stores} and {@code upstreams}. Each knows how to find, put and remove an item in a
 * schema document; what a valid item is stays the validator's business.
 */
public enum ConfigCollection {
    ROUTES("route", null, Set.of()),
    ENTITIES("entity", "entities", Set.of("versioning")),
    BLOB_STORES("blob store", "storage.blob_stores", Set.of()),
    UPSTREAMS("upstream", "upstreams", Set.of());

    private final String singular;
    private final String objectPath;
    private final Set<String> reservedNames;

    ConfigCollection(String singular, String objectPath, Set<String> reservedNames) {
        this.singular = singular;
        this.objectPath = objectPath;
        this.reservedNames = reservedNames;
    }

    public String singular() {
        return singular;
    }

    /** Names that are keys of the same object but not items of this collection (entities.versioning). */
    public boolean reserved(String name) {
        return reservedNames.contains(name);
    }

    public Optional<JsonNode> get(JsonNode schema, String name) {
        if (this == ROUTES) {
            for (JsonNode route : schema.path("api").path("routes")) {
                if (name.equals(route.path("id").asText(null))) {
                    return Optional.of(route);
                }
            }
            return Optional.empty();
        }
        if (reserved(name)) {
            return Optional.empty();
        }
        JsonNode item = at(schema).get(name);
        return item == null || !item.isObject() ? Optional.empty() : Optional.of(item);
    }

    /** Replaces the item in place (keeping its position), or appends it. */
    public void put(ObjectNode schema, String name, JsonNode item) {
        if (this == ROUTES) {
            ArrayNode routes = routes(schema);
            for (int i = 0; i < routes.size(); i++) {
                if (name.equals(routes.get(i).path("id").asText(null))) {
                    routes.set(i, item);
                    return;
                }
            }
            routes.add(item);
            return;
        }
        objectAt(schema).set(name, item);
    }

    public boolean remove(ObjectNode schema, String name) {
        if (this == ROUTES) {
            ArrayNode routes = routes(schema);
            for (int i = 0; i < routes.size(); i++) {
                if (name.equals(routes.get(i).path("id").asText(null))) {
                    routes.remove(i);
                    return true;
                }
            }
            return false;
        }
        return !reserved(name) && objectAt(schema).remove(name) != null;
    }

    private JsonNode at(JsonNode schema) {
        JsonNode node = schema;
        for (String part : objectPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private ObjectNode objectAt(ObjectNode schema) {
        ObjectNode node = schema;
        for (String part : objectPath.split("\\.")) {
            JsonNode child = node.get(part);
            node = child instanceof ObjectNode object ? object : node.putObject(part);
        }
        return node;
    }

    private static ArrayNode routes(ObjectNode schema) {
        JsonNode api = schema.get("api");
        ObjectNode apiObject = api instanceof ObjectNode object ? object : schema.putObject("api");
        JsonNode routes = apiObject.get("routes");
        return routes instanceof ArrayNode array ? array : apiObject.putArray("routes");
    }
}
