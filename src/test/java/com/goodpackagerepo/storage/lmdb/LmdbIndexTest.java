package com.goodpackagerepo.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.version.VersionOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndexDefinition VERSIONS = new IndexDefinition("artifact_versions",
            List.of("namespace", "name"), "version", true, true, List.of("version", "variant"));
    private static final IndexDefinition LATEST = new IndexDefinition("artifact_latest",
            List.of("namespace", "name"), null, false, false, List.of());
    private static final IndexDefinition BY_UPDATED = new IndexDefinition("by_updated",
            List.of("namespace"), "updated", false, false, List.of("name"));

    @TempDir
    Path dir;

    private LmdbMetadataStore store;

    @BeforeEach
    void open() {
        store = new LmdbMetadataStore(dir, 1 << 20, 64 << 20);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode row(String ns, String name, String version, String variant) {
        return JSON.createObjectNode().put("namespace", ns).put("name", name).put("version", version)
                .put("variant", variant);
    }

    private void write(Consumer<WriteBatch> ops) {
        WriteBatch batch = store.newBatch();
        ops.accept(batch);
        batch.commit();
    }

    private List<String> versions(IndexPage page) {
        return page.rows().stream().map(r -> r.get("version").asText()).toList();
    }

    /** Every row of a query, following cursors, with the given page size. */
    private List<JsonNode> all(IndexDefinition index, List<String> key, boolean prerelease, int pageSize) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            IndexPage page = store.query(index, new IndexQuery(key, pageSize, cursor, prerelease));
            rows.addAll(page.rows());
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }

    @Test
    void semverIndexIsNewestFirst() {
        List<String> ordered = List.of("2.0.0", "1.10.0", "1.10.0-rc.2", "1.10.0-rc.1", "1.9.0", "1.0.0",
                "1.0.0-rc.1", "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.1",
                "1.0.0-alpha", "v0-legacy");
        List<String> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(5));
        write(batch -> shuffled.forEach(v -> batch.upsertIndex(VERSIONS, row("acme", "app", v, "any"))));
        write(batch -> batch.upsertIndex(VERSIONS, row("acme", "app-other", "9.9.9", "any")));
        write(batch -> batch.upsertIndex(VERSIONS, row("acme", "ap", "9.9.9", "any")));

        List<String> key = List.of("acme", "app");
        assertEquals(ordered, versions(store.query(VERSIONS, new IndexQuery(key, 100, null, true))));
        List<String> releases = ordered.stream().filter(v -> !VersionOrder.isPrerelease(v)).toList();
        assertEquals(List.of("2.0.0", "1.10.0", "1.9.0", "1.0.0", "v0-legacy"), releases);
        assertEquals(releases, versions(store.query(VERSIONS, new IndexQuery(key, 100, null, false))));
        IndexPage first = store.query(VERSIONS, new IndexQuery(key, 1, null, false));
        assertEquals(List.of("2.0.0"), versions(first));
        assertNotNull(first.nextCursor());
    }

    @Test
    void paginationCoversEveryRowExactlyOnce() {
        List<String> versions = new ArrayList<>();
        write(batch -> {
            for (int major = 0; major < 6; major++) {
                for (int minor = 0; minor < 12; minor++) {
                    String v = major + "." + minor + ".0" + (minor % 3 == 0 ? "-rc." + minor : "");
                    versions.add(v);
                    batch.upsertIndex(VERSIONS, row("ns", "lib", v, "a"));
                    batch.upsertIndex(VERSIONS, row("ns", "lib", v, "b"));
                }
            }
        });
        List<String> expectedAll = new ArrayList<>();
        versions.stream().sorted(VersionOrder.COMPARATOR.reversed()).forEach(v -> {
            expectedAll.add(v + "/b");
            expectedAll.add(v + "/a");
        });
        List<String> expectedReleases = expectedAll.stream().filter(s -> !s.contains("-rc")).toList();
        for (int pageSize : new int[] {1, 7, 10, 144, 500}) {
            assertEquals(expectedAll, ids(all(VERSIONS, List.of("ns", "lib"), true, pageSize)), "page size " + pageSize);
            assertEquals(expectedReleases, ids(all(VERSIONS, List.of("ns", "lib"), false, pageSize)));
        }
        assertNull(store.query(VERSIONS, new IndexQuery(List.of("ns", "lib"), 144, null, true)).nextCursor());
        assertEquals(List.of(), store.query(VERSIONS, new IndexQuery(List.of("ns", "none"), 5, null, true)).rows());
    }

    private static List<String> ids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("version").asText() + "/" + r.get("variant").asText()).toList();
    }

    @Test
    void upsertReplacesTheRowOfTheSameIdentity() {
        write(batch -> batch.upsertIndex(VERSIONS, row("ns", "lib", "1.0.0", "a").put("size", 1)));
        write(batch -> batch.upsertIndex(VERSIONS, row("ns", "lib", "1.0.0", "a").put("size", 2)));
        List<JsonNode> rows = all(VERSIONS, List.of("ns", "lib"), true, 10);
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).get("size").asInt());
        assertEquals(1, all(VERSIONS, List.of("ns", "lib"), false, 10).size());
    }

    @Test
    void upsertMovesARowWhoseSortValueChanged() {
        ObjectNode row = JSON.createObjectNode().put("namespace", "ns").put("name", "a").put("updated", "2024-01-01");
        write(batch -> batch.upsertIndex(BY_UPDATED, row));
        write(batch -> batch.upsertIndex(BY_UPDATED, row.deepCopy().put("name", "b").put("updated", "2024-02-01")));
        write(batch -> batch.upsertIndex(BY_UPDATED, row.deepCopy().put("updated", "2024-03-01")));
        List<String> names = all(BY_UPDATED, List.of("ns"), true, 10).stream().map(r -> r.get("name").asText()).toList();
        assertEquals(List.of("b", "a"), names);
        write(batch -> batch.deleteIndex(BY_UPDATED, JSON.createObjectNode().put("namespace", "ns").put("name", "a")));
        assertEquals(1, all(BY_UPDATED, List.of("ns"), true, 10).size());
    }

    @Test
    void uniqueIndexKeepsOneRowPerKey() {
        write(batch -> batch.upsertIndex(LATEST, row("ns", "lib", "1.0.0", "x")));
        write(batch -> batch.upsertIndex(LATEST, row("ns", "lib", "2.0.0", "x")));
        write(batch -> batch.upsertIndex(LATEST, row("ns", "lib2", "3.0.0", "x")));
        List<JsonNode> rows = all(LATEST, List.of("ns", "lib"), true, 10);
        assertEquals(List.of("2.0.0"), rows.stream().map(r -> r.get("version").asText()).toList());
        write(batch -> batch.deleteIndex(LATEST, JSON.createObjectNode().put("namespace", "ns").put("name", "lib")));
        assertEquals(List.of(), all(LATEST, List.of("ns", "lib"), true, 10));
        assertEquals(1, all(LATEST, List.of("ns", "lib2"), true, 10).size());
    }

    @Test
    void deleteRemovesFromBothSubSpaces() {
        write(batch -> {
            batch.upsertIndex(VERSIONS, row("ns", "lib", "1.0.0", "a"));
            batch.upsertIndex(VERSIONS, row("ns", "lib", "1.1.0-rc.1", "a"));
        });
        write(batch -> {
            batch.deleteIndex(VERSIONS, row("ns", "lib", "1.0.0", "a"));
            batch.deleteIndex(VERSIONS, row("ns", "lib", "1.1.0-rc.1", "a"));
            batch.deleteIndex(VERSIONS, row("ns", "lib", "9.9.9", "a"));
        });
        assertEquals(List.of(), all(VERSIONS, List.of("ns", "lib"), true, 10));
        assertEquals(List.of(), all(VERSIONS, List.of("ns", "lib"), false, 10));
        assertEquals(0L, store.stats().entriesByDb().get("idx"));
    }

    @Test
    void longKeysKeepTheirOrder() {
        assertLongKeysKeepTheirOrder("n".repeat(128), "m".repeat(128));
    }

    @Test
    void keyValuesLongerThanThePrefixLimitStayApart() {
        String ns = "n".repeat(200);
        assertLongKeysKeepTheirOrder(ns, "m".repeat(200));
        write(batch -> batch.upsertIndex(VERSIONS, row(ns, "m".repeat(199), "1.0.0", "x")));
        write(batch -> batch.upsertIndex(VERSIONS, row(ns, "m".repeat(201), "1.0.0", "x")));
        assertEquals(5, all(VERSIONS, List.of(ns, "m".repeat(200)), true, 100).size());
        assertEquals(1, all(VERSIONS, List.of(ns, "m".repeat(201)), true, 100).size());
    }

    private void assertLongKeysKeepTheirOrder(String ns, String name) {
        String variant = "v".repeat(128);
        List<String> ordered = new ArrayList<>();
        for (int i = 12; i >= 8; i--) {
            ordered.add(i + ".0.0-" + "p".repeat(120));
        }
        write(batch -> ordered.forEach(v -> batch.upsertIndex(VERSIONS, row(ns, name, v, variant))));
        write(batch -> batch.upsertIndex(VERSIONS, row(ns, name, ordered.get(0), variant).put("replaced", true)));
        List<JsonNode> rows = all(VERSIONS, List.of(ns, name), true, 2);
        assertEquals(ordered, rows.stream().map(r -> r.get("version").asText()).toList());
        assertEquals(true, rows.get(0).path("replaced").asBoolean());
        assertEquals(List.of(), all(VERSIONS, List.of(ns, name), false, 2));
        assertEquals(List.of(), all(VERSIONS, List.of(ns, name + "x"), true, 2));
    }

    @Test
    void badQueriesAndRowsAreRejected() {
        write(batch -> batch.upsertIndex(VERSIONS, row("ns", "lib", "1.0.0", "a")));
        write(batch -> batch.upsertIndex(VERSIONS, row("ns", "lib", "2.0.0", "a")));
        String cursor = store.query(VERSIONS, new IndexQuery(List.of("ns", "lib"), 1, null, true)).nextCursor();
        assertThrows(IllegalArgumentException.class,
                () -> store.query(VERSIONS, new IndexQuery(List.of("ns", "lib"), 1, "%%%", true)));
        assertThrows(IllegalArgumentException.class,
                () -> store.query(VERSIONS, new IndexQuery(List.of("ns", "other"), 1, cursor, true)));
        assertThrows(IllegalArgumentException.class,
                () -> store.query(VERSIONS, new IndexQuery(List.of("ns", "lib"), 1, cursor, false)));
        assertThrows(IllegalArgumentException.class,
                () -> store.query(VERSIONS, new IndexQuery(List.of("ns"), 1, null, true)));
        assertThrows(IllegalArgumentException.class,
                () -> store.query(VERSIONS, new IndexQuery(List.of("ns", "lib"), 0, null, true)));
        WriteBatch batch = store.newBatch();
        assertThrows(IllegalArgumentException.class, () -> batch.upsertIndex(VERSIONS, row("ns", "lib", "not valid!", "a")));
        assertThrows(IllegalArgumentException.class, () -> batch.upsertIndex(VERSIONS, row("n\0s", "lib", "1.0.0", "a")));
        assertThrows(IllegalArgumentException.class,
                () -> batch.upsertIndex(VERSIONS, JSON.createObjectNode().put("namespace", "ns").put("name", "x")));
    }
}
