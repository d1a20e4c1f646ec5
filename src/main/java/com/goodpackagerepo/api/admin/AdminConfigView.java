package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.validation.InvariantResult;
import com.goodpackagerepo.json.Json;

/**
 * The {@code GET /admin/config} shape the web UI reads (see API.md). Lists and objects are sent as JSON
 * arrays and objects, never as JSON-encoded strings (docs/api.md records this contract).
 */
public final class AdminConfigView {
    private AdminConfigView() {
    }

    public static ObjectNode config(RepositoryConfig config) {
        JsonNode s = config.schema();
        ObjectNode out = Json.object();
        out.put("schema_version", s.path("schema_version").asText());
        out.put("type_id", s.path("type_id").asText());
        out.put("description", s.path("description").asText());
        out.put("revision", config.revision());
        out.set("capabilities", s.path("capabilities").deepCopy());
        out.set("entities", entities(s));
        out.set("blob_stores", blobStores(s));
        out.set("kv_stores", kvStores(s));
        out.set("api_routes", routes(s));
        out.set("auth_scopes", s.path("auth").path("scopes").deepCopy());
        out.set("auth_policies", policies(s));
        out.set("upstreams", upstreams(s));
        out.set("caching", caching(s));
        out.set("features", features(s));
        out.set("invariants", invariants(config));
        return out;
    }

    public static ArrayNode entities(JsonNode s) {
        ArrayNode list = Json.array();
        s.path("entities").fields().forEachRemaining(e -> {
            if (!e.getValue().has("fields")) {
                return;
            }
            ObjectNode entity = list.addObject();
            entity.put("name", e.getKey());
            entity.put("type", "entity");
            ArrayNode fields = entity.putArray("fields");
            e.getValue().path("fields").fields().forEachRemaining(f -> {
                ObjectNode field = fields.addObject();
                field.put("name", f.getKey());
                field.put("type", f.getValue().path("type").asText("string"));
                field.put("optional", f.getValue().path("optional").asBoolean(false));
                field.set("normalizations", f.getValue().path("normalize").isArray()
                        ? f.getValue().path("normalize").deepCopy() : Json.array());
            });
            entity.set("primary_key", e.getValue().path("primary_key").deepCopy());
            entity.set("constraints", e.getValue().path("constraints").deepCopy());
        });
        return list;
    }

    public static ArrayNode blobStores(JsonNode s) {
        ArrayNode list = Json.array();
        s.path("storage").path("blob_stores").fields().forEachRemaining(e -> {
            JsonNode store = e.getValue();
            ObjectNode item = list.addObject();
            item.put("name", e.getKey());
            item.put("kind", store.path("kind").asText());
            item.put("root", store.path("root").asText());
            item.put("addressing_mode", store.path("addressing").path("mode").asText());
            item.put("path_template", store.path("addressing").path("path_template").asText());
            item.put("max_blob_bytes", store.path("limits").path("max_blob_bytes").asLong());
            item.put("min_blob_bytes", store.path("limits").path("min_blob_bytes").asLong());
        });
        return list;
    }

    static ArrayNode kvStores(JsonNode s) {
        ArrayNode list = Json.array();
        s.path("storage").path("kv_stores").fields().forEachRemaining(e -> {
            ObjectNode item = list.addObject();
            item.put("name", e.getKey());
            item.put("kind", e.getValue().path("kind").asText());
            item.put("root", e.getValue().path("root").asText());
        });
        return list;
    }

    public static ArrayNode routes(JsonNode s) {
        ArrayNode list = Json.array();
        s.path("api").path("routes").forEach(r -> {
            ObjectNode item = list.addObject();
            item.put("route_id", r.path("id").asText());
            item.put("method", r.path("method").asText());
            item.put("path", r.path("path").asText());
            item.set("tags", r.path("tags").isArray() ? r.path("tags").deepCopy() : Json.array());
            item.set("pipeline", r.path("pipeline").deepCopy());
        });
        return list;
    }

    static ArrayNode policies(JsonNode s) {
        ArrayNode list = Json.array();
        s.path("auth").path("policies").forEach(p -> {
            ObjectNode item = list.addObject();
            item.put("name", p.path("name").asText());
            item.put("effect", p.path("effect").asText());
            item.set("conditions", p.path("when").deepCopy());
            item.set("requirements", p.path("require").deepCopy());
        });
        return list;
    }

    public static ArrayNode upstreams(JsonNode s) {
        ArrayNode list = Json.array();
        s.path("upstreams").fields().forEachRemaining(e -> {
            ObjectNode item = ((ObjectNode) e.getValue()).deepCopy();
            item.put("name", e.getKey());
            list.add(item);
        });
        return list;
    }

    static ObjectNode caching(JsonNode s) {
        JsonNode caching = s.path("caching");
        ObjectNode out = Json.object();
        out.put("response_cache_enabled", caching.path("response_cache").path("enabled").asBoolean(false));
        out.put("response_cache_ttl", caching.path("response_cache").path("default_ttl_seconds").asLong(0));
        out.put("blob_cache_enabled", caching.path("blob_cache").path("enabled").asBoolean(false));
        out.put("blob_cache_max_bytes", caching.path("blob_cache").path("max_bytes").asLong(0));
        return out;
    }

    public static ObjectNode features(JsonNode s) {
        ObjectNode out = s.path("features").isObject() ? ((ObjectNode) s.path("features")).deepCopy() : Json.object();
        if (!out.has("gc_enabled")) {
            out.put("gc_enabled", s.path("gc").path("enabled").asBoolean(false));
        }
        return out;
    }

    static ArrayNode invariants(RepositoryConfig config) {
        ArrayNode list = Json.array();
        for (InvariantResult r : config.report().invariants()) {
            ObjectNode item = list.addObject();
            item.put("id", r.id());
            item.put("description", r.description());
            item.put("holds", r.holds());
            item.put("on_fail", r.onFail());
            item.put("message", r.message());
        }
        return list;
    }
}
