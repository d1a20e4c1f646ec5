package com.goodpackagerepo.config.jpa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Splits a repository schema into table rows and assembles it back, preserving key order.
 * Collections an operator edits one item at a time (entities, blob stores, upstreams, routes, features)
 * get a row per item; every other top-level section is one row whose body keeps the section's remaining keys.
 */
public final class SchemaRows {
    static final String VERSIONING = "versioning";

    private final List<SectionRow> sections = new ArrayList<>();
    private final List<EntityRow> entities = new ArrayList<>();
    private final List<BlobStoreRow> blobStores = new ArrayList<>();
    private final List<UpstreamRow> upstreams = new ArrayList<>();
    private final List<FeatureRow> features = new ArrayList<>();
    private final List<RouteRow> routes = new ArrayList<>();

    private SchemaRows() {
    }

    public SchemaRows(List<SectionRow> sections, List<EntityRow> entities, List<BlobStoreRow> blobStores,
                      List<UpstreamRow> upstreams, List<FeatureRow> features, List<RouteRow> routes) {
        this.sections.addAll(sections);
        this.entities.addAll(entities);
        this.blobStores.addAll(blobStores);
        this.upstreams.addAll(upstreams);
        this.features.addAll(features);
        this.routes.addAll(routes);
    }

    public static SchemaRows split(JsonNode schema) {
        SchemaRows rows = new SchemaRows();
        int position = 0;
        Iterator<Map.Entry<String, JsonNode>> top = schema.fields();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> section = top.next();
            JsonNode rest = section.getValue().deepCopy();
            switch (section.getKey()) {
                case "entities" -> rows.takeEntities((ObjectNode) rest);
                case "storage" -> takeEach(rest, "blob_stores", (n, p, b) -> rows.blobStores.add(new BlobStoreRow(n, p, b)));
                case "upstreams" -> rest = takeAll(rest, (n, p, b) -> rows.upstreams.add(new UpstreamRow(n, p, b)));
                case "features" -> rest = takeAll(rest, (n, p, b) -> rows.features.add(new FeatureRow(n, p, b)));
                case "api" -> rows.takeRoutes((ObjectNode) rest);
                default -> { }
            }
            rows.sections.add(new SectionRow(section.getKey(), position++, rest.toString()));
        }
        return rows;
    }

    /** The schema as one JSON document, in the order it was stored. */
    public ObjectNode assemble() {
        ObjectNode schema = Json.object();
        sections.stream().sorted(Comparator.comparingInt(ConfigRow::getPosition)).forEach(section -> {
            JsonNode body = Json.parse(section.getBody());
            switch (section.getName()) {
                case "entities" -> {
                    ObjectNode merged = putRows(Json.object(), entities);
                    merged.setAll((ObjectNode) body);
                    schema.set("entities", merged);
                }
                case "storage" -> {
                    ObjectNode merged = Json.object();
                    merged.set("blob_stores", putRows(Json.object(), blobStores));
                    merged.setAll((ObjectNode) body);
                    schema.set("storage", merged);
                }
                case "upstreams" -> schema.set("upstreams", putRows(Json.object(), upstreams));
                case "features" -> schema.set("features", putRows(Json.object(), features));
                case "api" -> {
                    ObjectNode api = ((ObjectNode) body).deepCopy();
                    var list = api.putArray("routes");
                    routes.stream().sorted(Comparator.comparingInt(RouteRow::getPosition))
                            .forEach(r -> list.add(Json.parse(r.getBody())));
                    schema.set("api", api);
                }
                default -> schema.set(section.getName(), body);
            }
        });
        return schema;
    }

    public List<SectionRow> sections() {
        return sections;
    }

    public List<EntityRow> entities() {
        return entities;
    }

    public List<BlobStoreRow> blobStores() {
        return blobStores;
    }

    public List<UpstreamRow> upstreams() {
        return upstreams;
    }

    public List<FeatureRow> features() {
        return features;
    }

    public List<RouteRow> routes() {
        return routes;
    }

    private void takeEntities(ObjectNode entitiesNode) {
        int position = 0;
        for (Iterator<String> it = entitiesNode.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!VERSIONING.equals(name)) {
                entities.add(new EntityRow(name, position++, entitiesNode.get(name).toString()));
                it.remove();
            }
        }
    }

    private void takeRoutes(ObjectNode api) {
        JsonNode list = api.remove("routes");
        if (list == null) {
            return;
        }
        int position = 0;
        for (JsonNode route : list) {
            routes.add(new RouteRow(route.path("id").asText(), position++, route.path("method").asText(),
                    route.path("path").asText(), route.toString()));
        }
    }

    private interface RowSink {
        void add(String name, int position, String body);
    }

    private static void takeEach(JsonNode parent, String field, RowSink sink) {
        JsonNode items = ((ObjectNode) parent).remove(field);
        if (items != null) {
            takeAll(items, sink);
        }
    }

    private static JsonNode takeAll(JsonNode items, RowSink sink) {
        int position = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> item = it.next();
            sink.add(item.getKey(), position++, item.getValue().toString());
        }
        return Json.object();
    }

    private static ObjectNode putRows(ObjectNode target, List<? extends ConfigRow> rows) {
        rows.stream().sorted(Comparator.comparingInt(ConfigRow::getPosition))
                .forEach(r -> target.set(r.getName(), Json.parse(r.getBody())));
        return target;
    }
}
