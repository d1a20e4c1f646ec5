package com.goodpackagerepo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.TestContexts;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.engines.TestStores;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog over real LMDB stores: skip-scanning one key per package, paging, filters, counts and details. */
class CatalogTest {
    @TempDir
    Path dir;

    private Stores stores;
    private CompiledConfig config;
    private Catalog catalog;

    @BeforeEach
    void open() {
        config = TestContexts.compiled(TestContexts.seedSchema());
        stores = TestStores.open(dir, config.config());
        catalog = new Catalog();
        catalog.stores = stores;
    }

    @AfterEach
    void close() {
        TestStores.close(stores);
    }

    private void publish(String ns, String name, String version, String variant) {
        IndexDefinition index = Catalog.versionsIndex(config);
        ObjectNode row = Json.object().put("namespace", ns).put("name", name).put("version", version)
                .put("variant", variant).put("blob_digest", "sha256:" + "a".repeat(64));
        ObjectNode doc = row.deepCopy().put("blob_size", 42).put("created_at", "2026-01-01T00:00:00Z")
                .put("created_by", "alice");
        WriteBatch batch = stores.metadata().newBatch();
        batch.putDocument("artifact/" + ns + "/" + name + "/" + version + "/" + variant,
                doc.toString().getBytes(StandardCharsets.UTF_8), WriteBatch.Precondition.NONE);
        batch.upsertIndex(index, row);
        batch.commit();
    }

    private List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("packages").forEach(p -> out.add(p.path("namespace").asText() + "/" + p.path("name").asText()));
        return out;
    }

    /** Follows the cursors of a listing to its end, collecting names; returns the number of pages. */
    private int allPages(String q, int limit, List<String> into) {
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = catalog.packages(config, new CatalogQuery(null, null, q, limit, cursor));
            into.addAll(names(page));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);
        return pages;
    }

    @Test
    void theSkipCursorResumesAfterEveryKeyUnderAPrefix() {
        publish("acme", "app", "1.0.0", "linux");
        publish("acme", "app", "2.0.0", "linux");
        publish("acme", "app-cli", "1.0.0", "linux");
        publish("acme", "apq", "1.0.0", "linux");
        KeyPage next = stores.metadata().keys("artifact/", KeySkip.pastPrefix("artifact/acme/app/"), 1);
        assertEquals(List.of("artifact/acme/apq/1.0.0/linux"), next.keys(),
                "the store's cursor is the base64url of a key: the skip lands on the next package");
        assertEquals(List.of("acme/app-cli", "acme/app", "acme/apq"),
                names(catalog.packages(config, new CatalogQuery(null, null, null, 10, null))), "'-' sorts before '/'");
    }

    @Test
    void listsEachPackageOnceWithLatestReleaseAndCounts() {
        for (int i = 0; i < 30; i++) {
            publish("acme", "app", "1." + i + ".0", "linux");
            publish("acme", "app", "1." + i + ".0", "darwin");
        }
        publish("acme", "app", "9.0.0-rc.1", "linux");
        publish("beta", "tool", "0.1.0", "");
        publish("acme", "lib", "2.0.0", "x");
        JsonNode page = catalog.packages(config, new CatalogQuery(null, null, null, 10, null));
        assertEquals(List.of("acme/app", "acme/lib", "beta/tool"), names(page));
        JsonNode app = page.path("packages").get(0);
        assertEquals("1.29.0", app.path("latest").path("version").asText(), "prereleases are not latest");
        assertEquals(31, app.path("version_count").asInt());
        assertEquals(61, app.path("artifact_count").asInt());
        assertTrue(page.path("next_cursor").isNull());
    }

    @Test
    void pagesWithOpaqueCursors() {
        for (int i = 0; i < 7; i++) {
            publish("ns" + (i % 2), "pkg" + i, "1.0.0", "a");
            publish("ns" + (i % 2), "pkg" + i, "1.1.0", "a");
        }
        List<String> all = new ArrayList<>();
        assertEquals(3, allPages(null, 3, all));
        assertEquals(List.of("ns0/pkg0", "ns0/pkg2", "ns0/pkg4", "ns0/pkg6", "ns1/pkg1", "ns1/pkg3", "ns1/pkg5"), all);
    }

    @Test
    void filtersByNamespacePrefixAndSubstring() {
        publish("acme", "app", "1.0.0", "a");
        publish("acme", "web-app", "1.0.0", "a");
        publish("acme", "zeta", "1.0.0", "a");
        publish("other", "apparatus", "1.0.0", "a");
        assertEquals(List.of("acme/app", "acme/web-app", "acme/zeta"),
                names(catalog.packages(config, new CatalogQuery("acme", null, null, 10, null))));
        assertEquals(List.of("acme/app"), names(catalog.packages(config, new CatalogQuery("acme", "ap", null, 10, null))));
        assertEquals(List.of("other/apparatus"), names(catalog.packages(config, new CatalogQuery(null, "ot", null, 10, null))));
        assertEquals(List.of("acme/app", "acme/web-app", "other/apparatus"),
                names(catalog.packages(config, new CatalogQuery(null, null, "app", 10, null))));
        assertEquals(List.of("acme/web-app"), names(catalog.packages(config, new CatalogQuery(null, null, "e/web", 10, null))));
        assertEquals(List.of(), names(catalog.packages(config, new CatalogQuery(null, null, "nothing", 10, null))));
    }

    @Test
    void aSubstringSearchStopsAtItsBudgetAndGoesOnFromTheCursor() {
        for (int i = 0; i < 9; i++) {
            publish("ns", "pkg" + i, "1.0.0", "a");
        }
        publish("ns", "zz-match", "1.0.0", "a");
        catalog.scanBudget = 4;
        List<String> found = new ArrayList<>();
        assertEquals(3, allPages("match", 10, found), "10 packages, 4 visited per request");
        assertEquals(List.of("ns/zz-match"), found);
    }

    @Test
    void listsNamespaces() {
        publish("acme", "app", "1.0.0", "a");
        publish("acme", "lib", "1.0.0", "a");
        publish("beta", "x", "1.0.0", "a");
        publish("gamma", "x", "1.0.0", "a");
        JsonNode first = catalog.namespaces(config, null, 2, null);
        assertEquals("[{\"namespace\":\"acme\"},{\"namespace\":\"beta\"}]", first.path("namespaces").toString());
        JsonNode second = catalog.namespaces(config, null, 2, first.path("next_cursor").asText());
        assertEquals("[{\"namespace\":\"gamma\"}]", second.path("namespaces").toString());
        assertTrue(second.path("next_cursor").isNull());
    }

    @Test
    void badCursorsAreRefused() {
        publish("acme", "app", "1.0.0", "a");
        assertThrows(IllegalArgumentException.class,
                () -> catalog.packages(config, new CatalogQuery(null, null, null, 10, "!!!")));
        String other = Catalog.encode("acme/app");
        assertThrows(IllegalArgumentException.class,
                () -> catalog.packages(config, new CatalogQuery("zzz", null, null, 10, other)),
                "a cursor from another listing");
    }

    @Test
    void packageDetailJoinsDocumentsAndTags() {
        publish("acme", "app", "1.0.0", "linux");
        publish("acme", "app", "1.10.0", "linux");
        publish("acme", "app", "1.2.0", "linux");
        WriteBatch batch = stores.metadata().newBatch();
        batch.putDocument("tag/acme/app/stable", Json.object().put("namespace", "acme").put("name", "app")
                .put("tag", "stable").put("target_key", "artifact/acme/app/1.2.0/linux")
                .put("updated_at", "2026-01-02T00:00:00Z").put("updated_by", "bob").toString()
                .getBytes(StandardCharsets.UTF_8), WriteBatch.Precondition.NONE);
        batch.commit();
        JsonNode detail = catalog.packageDetail(config, "acme", "app", 2, null);
        assertEquals("1.10.0", detail.path("latest").path("version").asText());
        assertEquals("1.10.0", detail.path("artifacts").get(0).path("version").asText());
        assertEquals("1.2.0", detail.path("artifacts").get(1).path("version").asText());
        assertEquals(42, detail.path("artifacts").get(0).path("blob_size").asInt());
        assertEquals("alice", detail.path("artifacts").get(0).path("created_by").asText());
        assertEquals("1.2.0", detail.path("tags").get(0).path("target_version").asText());
        assertEquals("stable", detail.path("tags").get(0).path("tag").asText());
        JsonNode rest = catalog.packageDetail(config, "acme", "app", 2, detail.path("next_cursor").asText());
        assertEquals("1.0.0", rest.path("artifacts").get(0).path("version").asText());
        assertTrue(rest.path("next_cursor").isNull());
        assertNull(catalog.packageDetail(config, "acme", "nope", 2, null));
    }
}
