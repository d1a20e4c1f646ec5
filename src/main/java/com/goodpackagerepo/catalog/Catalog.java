package com.goodpackagerepo.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.KeyTemplate;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.kv.KeyPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists packages and namespaces by skip-scanning the artifact-metadata document keys ({@code artifact/{ns}/{name}/…}):
 * each step is one seek that lands on the next package and then jumps past all its versions, so a page costs
 * one seek per package visited, whatever the number of versions. A substring filter visits at most
 * {@link #SCAN_BUDGET} packages per page and then answers a short page with a cursor to go on.
 *
 * @throws IllegalArgumentException (from every listing) for a cursor that is malformed or from another listing
 */
@ApplicationScoped
public class Catalog {
    static final int SCAN_BUDGET = 2000;
    static final int COUNT_PAGE = 1000;
    static final int MAX_TAGS = 1000;

    @Inject
    Stores stores;
    /** Packages one listing request visits at most (a field so tests can lower it). */
    int scanBudget = SCAN_BUDGET;

    /** {@code {"packages":[{namespace,name,latest,version_count,artifact_count}…],"next_cursor"}}. */
    public ObjectNode packages(CompiledConfig config, CatalogQuery query) {
        MetadataStore store = stores.metadata();
        String base = artifactKey(config).literalPrefix();
        String scan = base + (query.namespace() == null ? "" : query.namespace() + "/") + nullToEmpty(query.prefix());
        String position = query.cursor() == null ? null : KeySkip.pastPrefix(base + decode(query.cursor()) + "/");
        String needle = query.q() == null ? null : query.q().toLowerCase(Locale.ROOT);
        ObjectNode out = Json.object();
        ArrayNode packages = out.putArray("packages");
        String last = null;
        boolean more = false;
        IndexDefinition index = versionsIndex(config);
        for (int visited = 0; ; visited++) {
            KeyPage page = store.keys(scan, position, 1);
            if (page.keys().isEmpty()) {
                break;
            }
            String[] parts = page.keys().get(0).substring(base.length()).split("/", 3);
            String path = parts[0] + "/" + (parts.length > 1 ? parts[1] : "");
            if (packages.size() == query.limit() || visited == scanBudget) {
                more = true;
                break;
            }
            if (!query.readable().test(parts[0])) {
                // a namespace the caller cannot read is passed over in one seek, as if it held nothing; the cursor
                // never names it (the next page seeks past it again)
                position = KeySkip.pastPrefix(base + parts[0] + "/");
                continue;
            }
            last = path;
            position = KeySkip.pastPrefix(base + path + "/");
            if (needle == null || path.contains(needle)) {
                packages.add(summary(store, index, parts[0], parts.length > 1 ? parts[1] : ""));
            }
        }
        out.put("next_cursor", more && last != null ? encode(last) : null);
        return out;
    }

    /** {@code {"namespaces":[{"namespace"}…],"next_cursor"}}: distinct namespaces starting with {@code prefix}. */
    public ObjectNode namespaces(CompiledConfig config, String prefix, int limit, String cursor) {
        return namespaces(config, prefix, limit, cursor, ns -> true);
    }

    /** As {@link #namespaces(CompiledConfig, String, int, String)}, listing only the namespaces {@code readable} accepts. */
    public ObjectNode namespaces(CompiledConfig config, String prefix, int limit, String cursor,
                                 java.util.function.Predicate<String> readable) {
        MetadataStore store = stores.metadata();
        String base = artifactKey(config).literalPrefix();
        String scan = base + nullToEmpty(prefix);
        String position = cursor == null ? null : KeySkip.pastPrefix(base + decode(cursor) + "/");
        ObjectNode out = Json.object();
        ArrayNode namespaces = out.putArray("namespaces");
        String last = null;
        while (true) {
            KeyPage page = store.keys(scan, position, 1);
            if (page.keys().isEmpty()) {
                out.putNull("next_cursor");
                return out;
            }
            String namespace = page.keys().get(0).substring(base.length()).split("/", 2)[0];
            position = KeySkip.pastPrefix(base + namespace + "/");
            if (!readable.test(namespace)) {
                continue;
            }
            if (namespaces.size() == limit) {
                out.put("next_cursor", encode(last));
                return out;
            }
            last = namespace;
            namespaces.addObject().put("namespace", last);
        }
    }

    /**
     * One package: a page of its artifacts newest first (the index row joined with the artifact document: size,
     * published at and by), its tags and its latest release; null when it has no artifacts at all.
     */
    public ObjectNode packageDetail(CompiledConfig config, String namespace, String name, int limit, String cursor) {
        MetadataStore store = stores.metadata();
        IndexDefinition index = versionsIndex(config);
        IndexPage page = store.query(index, new IndexQuery(List.of(namespace, name), limit, cursor, true));
        if (page.rows().isEmpty() && cursor == null) {
            return null;
        }
        KeyTemplate artifactKey = artifactKey(config);
        ObjectNode out = Json.object();
        out.put("namespace", namespace);
        out.put("name", name);
        out.set("latest", latest(store, index, namespace, name));
        ArrayNode artifacts = out.putArray("artifacts");
        for (JsonNode row : page.rows()) {
            ObjectNode item = ((ObjectNode) row).deepCopy();
            String key = artifactKey.render(Map.of("namespace", namespace, "name", name,
                    "version", row.path("version").asText(), "variant", row.path("variant").asText()));
            item.put("key", key);
            store.get(key).map(Json::parse).ifPresent(doc -> {
                item.set("blob_size", doc.path("blob_size"));
                item.set("created_at", doc.path("created_at"));
                item.set("created_by", doc.path("created_by"));
            });
            artifacts.add(item);
        }
        out.put("next_cursor", page.nextCursor());
        out.set("tags", tags(store, config.config().model(), namespace, name));
        return out;
    }

    /** One artifact's document (fields already normalized; variant "" when it has none), or empty. */
    public Optional<JsonNode> artifact(CompiledConfig config, String namespace, String name, String version,
                                       String variant) {
        String key = artifactKey(config).render(Map.of("namespace", namespace, "name", name, "version", version,
                "variant", variant == null ? "" : variant));
        return stores.metadata().get(key).map(Json::parse);
    }

    private ArrayNode tags(MetadataStore store, RepositorySchema model, String namespace, String name) {
        String prefix = model.require(DocumentRole.TAG).key().prefix(Map.of("namespace", namespace, "name", name));
        KeyTemplate artifactKey = model.require(DocumentRole.ARTIFACT_METADATA).key();
        ArrayNode tags = Json.array();
        for (String key : store.keys(prefix, null, MAX_TAGS).keys()) {
            store.get(key).map(Json::parse).ifPresent(doc -> {
                ObjectNode tag = tags.addObject();
                tag.put("tag", doc.path("tag").asText(key.substring(prefix.length())));
                tag.set("target_key", doc.path("target_key"));
                Map<String, String> target = artifactKey.parse(doc.path("target_key").asText());
                tag.put("target_version", target == null ? null : target.get("version"));
                tag.put("target_variant", target == null ? null : target.getOrDefault("variant", ""));
                tag.set("updated_at", doc.path("updated_at"));
                tag.set("updated_by", doc.path("updated_by"));
            });
        }
        return tags;
    }

    private ObjectNode summary(MetadataStore store, IndexDefinition index, String namespace, String name) {
        ObjectNode item = Json.object();
        item.put("namespace", namespace);
        item.put("name", name);
        item.set("latest", latest(store, index, namespace, name));
        Set<String> versions = new HashSet<>();
        long artifacts = 0;
        String cursor = null;
        do {
            IndexPage page = store.query(index, new IndexQuery(List.of(namespace, name), COUNT_PAGE, cursor, true));
            for (JsonNode row : page.rows()) {
                versions.add(row.path("version").asText());
                artifacts++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        item.put("version_count", versions.size());
        item.put("artifact_count", artifacts);
        return item;
    }

    /** The newest release (prereleases excluded, as {@code /latest} answers), or JSON null. */
    private static JsonNode latest(MetadataStore store, IndexDefinition index, String namespace, String name) {
        List<JsonNode> rows = store.query(index, new IndexQuery(List.of(namespace, name), 1, null, false)).rows();
        return rows.isEmpty() ? NullNode.getInstance() : rows.get(0);
    }

    /** The artifact-metadata key template: its literal prefix is followed by namespace and name (validated). */
    private static KeyTemplate artifactKey(CompiledConfig config) {
        return config.config().model().require(DocumentRole.ARTIFACT_METADATA).key();
    }

    static IndexDefinition versionsIndex(CompiledConfig config) {
        return config.config().model().versionsIndex()
                .orElseThrow(() -> new IllegalStateException("the schema has no artifact versions index"));
    }

    static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the cursor is not one this class made */
    static String decode(String cursor) {
        String path = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (path.isEmpty() || path.length() > 300 || path.startsWith("/") || path.indexOf('\uFFFD') >= 0) {
            throw new IllegalArgumentException("not a catalog cursor");
        }
        return path;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
