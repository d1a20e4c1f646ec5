package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The original's open /rocksdb/* endpoints are admin-only /admin/store/* over LMDB. */
class StoreEndpointsIT {

    @Test
    void statsComeFromTheStoreAndGrowWithData() {
        String admin = Http.admin();
        JsonNode before = Http.get("/admin/store/stats", admin).json().path("stats");
        assertEquals("lmdb", before.path("engine").asText());
        assertTrue(before.path("map_size_bytes").asLong() > 0);
        assertTrue(before.path("entries").has("docs"));
        String ns = Http.unique("stats");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "stats").status());
        JsonNode after = Http.get("/admin/store/stats", admin).json().path("stats");
        assertTrue(after.path("entries").path("docs").asLong() > before.path("entries").path("docs").asLong());
        assertTrue(after.path("events").asLong() > before.path("events").asLong());
    }

    @Test
    void keysArePagedByPrefixAndCursor() {
        String admin = Http.admin();
        String ns = Http.unique("keys");
        for (String v : new String[] {"1.0.0", "1.1.0", "1.2.0"}) {
            assertEquals(201, Artifacts.publish(admin, ns, "app", v, "x", v).status());
        }
        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            Http.Reply page = Http.get("/admin/store/keys?prefix=artifact/" + ns + "/&limit=2&cursor=" + cursor, admin);
            assertEquals(200, page.status(), page.body());
            page.json().path("keys").forEach(k -> seen.add(k.asText()));
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
            pages++;
        }
        assertEquals(3, seen.size(), seen.toString());
        assertEquals(2, pages);
        assertTrue(seen.contains("artifact/" + ns + "/app/1.1.0/x"));
        assertEquals(400, Http.get("/admin/store/keys?limit=5000", admin).status());
        assertEquals(400, Http.get("/admin/store/keys?cursor=garbage!", admin).status());
    }

    @Test
    void dashboardIsEscapedHtmlForAdminsOnly() {
        String admin = Http.admin();
        Http.Reply page = Http.get("/admin/store/dashboard?prefix=%3Cscript%3E", admin);
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("&lt;script&gt;"));
        assertFalse(page.body().contains("<script>"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
    }

    @Test
    void storeEndpointsNeedTheAdminScopeAndTheOldOnesAreGone() {
        String writer = Users.token("store-writer", "read", "write");
        for (String path : new String[] {"/admin/store/stats", "/admin/store/keys", "/admin/store/dashboard"}) {
            assertEquals(401, Http.get(path, null).status(), path);
            assertEquals(403, Http.get(path, writer).status(), path);
        }
        for (String path : new String[] {"/rocksdb/stats", "/rocksdb/keys", "/rocksdb/dashboard"}) {
            Http.Reply r = Http.get(path, null);
            assertTrue(r.status() == 401 || r.status() == 404, path + " " + r.status());
            assertFalse(r.body().contains("entries"), path);
        }
    }
}
