package com.goodpackagerepo.maven;

import com.goodpackagerepo.schema.DocumentRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store knows about one Maven artifact (a package): its index rows (versions and variants, read from
 * the versions index a page at a time) and artifact documents. Everything Maven metadata says comes from here.
 */
public final class MavenIndex {
    private static final int PAGE = 500;
    private static final DateTimeFormatter LAST_UPDATED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final MetadataStore store;
    private final CompiledConfig compiled;

    public MavenIndex(MetadataStore store, CompiledConfig compiled) {
        this.store = store;
        this.compiled = compiled;
    }

    /** One stored file: version and variant. */
    public record Row(String version, String variant) {
    }

    /** Every (version, variant) of a package. */
    public List<Row> rows(String namespace, String name) {
        IndexDefinition index = compiled.config().model().versionsIndex().orElse(null);
        List<Row> rows = new ArrayList<>();
        if (index == null) {
            return rows;
        }
        String cursor = null;
        do {
            IndexPage page = store.query(index, new IndexQuery(List.of(namespace, name), PAGE, cursor, true));
            for (JsonNode row : page.rows()) {
                rows.add(new Row(row.path("version").asText(), row.path("variant").asText("")));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }

    /** The artifact document of {@code fields} (namespace, name, version, variant), if stored. */
    public Optional<JsonNode> meta(Map<String, String> fields) {
        return store.get(key(fields)).map(Json::parse);
    }

    /** The artifact document's key, by the key template of the document with the artifact-metadata role. */
    public String key(Map<String, String> fields) {
        return compiled.config().model().require(DocumentRole.ARTIFACT_METADATA).key().render(fields);
    }

    /** A document's {@code created_at} as Maven's {@code lastUpdated} (yyyyMMddHHmmss, UTC), or null. */
    public static String lastUpdated(JsonNode meta) {
        try {
            return LAST_UPDATED.format(Instant.parse(meta.path("created_at").asText()));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
