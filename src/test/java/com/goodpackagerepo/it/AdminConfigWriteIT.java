package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Admin configuration writes: validated by every load-time check, live for the next request, audited,
 * optimistically locked. Each test undoes its change, so the configuration ends as the seed imported it.
 */
class AdminConfigWriteIT {

    private static long revision() {
        return Http.get("/admin/config", Http.admin()).json().path("config").path("revision").asLong();
    }

    private static String helloRoute(String id, String segment) {
        return "{\"id\":\"" + id + "\",\"method\":\"GET\",\"path\":\"/v1/{namespace}/{name}/" + segment + "\","
                + "\"tags\":[],\"pipeline\":["
                + "{\"op\":\"auth.require_scopes\",\"args\":{\"scopes\":[\"read\"]}},"
                + "{\"op\":\"parse.path\",\"args\":{\"entity\":\"artifact\"}},"
                + "{\"op\":\"normalize.entity\",\"args\":{\"entity\":\"artifact\"}},"
                + "{\"op\":\"validate.entity\",\"args\":{\"entity\":\"artifact\"}},"
                + "{\"op\":\"respond.json\",\"args\":{\"status\":200,\"body\":{\"hello\":\"{name}\",\"route\":\"" + id + "\"}}}]}";
    }

    @Test
    void aRouteAddedThroughTheApiServesAtOnceAndGoesAwayWhenDeleted() {
        String admin = Http.admin();
        String reader = Users.token("route-reader", "read");
        String id = "it_hello_" + Long.toString(System.nanoTime(), 36);
        String segment = id.replace('_', '-');
        assertEquals(404, Http.get("/v1/acme/app/" + segment, reader).status());
        long before = revision();

        Http.Reply created = Http.postJson("/admin/routes", admin, helloRoute(id, segment));
        assertEquals(201, created.status(), created.body());
        assertEquals(before + 1, created.json().path("revision").asLong());
        assertEquals("\"" + (before + 1) + "\"", created.header("ETag"));
        try {
            Http.Reply served = Http.get("/v1/acme/My_App/" + segment, reader);
            assertEquals(200, served.status(), served.body());
            assertEquals("my-app", served.json().path("hello").asText());
            assertEquals(401, Http.get("/v1/acme/app/" + segment, null).status());
            assertEquals(id, Http.get("/admin/routes/" + id, admin).json().path("item").path("id").asText());
            assertEquals(409, Http.postJson("/admin/routes", admin, helloRoute(id, segment)).status(), "ids are unique");

            JsonNode audit = Events.find(admin, "config.changed", "name", id).get(0).path("payload");
            assertEquals("admin", audit.path("by").asText());
            assertEquals("create", audit.path("action").asText());
            assertTrue(audit.path("before").isNull());
            assertEquals(id, audit.path("after").path("id").asText());
        } finally {
            Http.Reply deleted = Http.delete("/admin/routes/" + id, admin);
            assertEquals(200, deleted.status(), deleted.body());
        }
        assertEquals(404, Http.get("/v1/acme/app/" + segment, reader).status());
        assertTrue(Events.find(admin, "config.changed", "name", id).stream()
                .anyMatch(e -> e.path("payload").path("action").asText().equals("delete")
                        && e.path("payload").path("after").isNull()));
    }

    @Test
    void aChangeThatFailsALoadTimeCheckIsRefusedAndTheOldConfigKeepsServing() {
        String admin = Http.admin();
        long before = revision();
        JsonNode originA = Http.get("/admin/upstreams/originA", admin).json().path("item");
        String unbounded = "{\"base_url\":\"https://registry.example.com\",\"timeouts_ms\":{\"connect\":0,\"read\":10000},"
                + "\"retry\":{\"max_attempts\":2,\"backoff_ms\":200}}";
        Http.Reply refused = Http.putJson("/admin/upstreams/originA", admin, unbounded);
        assertEquals(400, refused.status(), refused.body());
        assertEquals("CONFIG_INVALID", refused.errorCode());
        String message = refused.json().path("error").path("message").asText();
        assertTrue(message.contains("val_no_unbounded_proxy") && message.contains("upstreams.originA.timeouts_ms.connect"), message);

        Http.Reply conflicting = Http.postJson("/admin/routes", admin, helloRoute("it_conflict", "latest")
                .replace("/v1/{namespace}/{name}/latest", "/v1/{ns}/{n}/latest"));
        assertEquals(400, conflicting.status(), conflicting.body());
        assertTrue(conflicting.json().path("error").path("message").asText().contains("val.route_conflicts"));

        Http.Reply unknownOp = Http.postJson("/admin/routes", admin, helloRoute("it_badop", "badop")
                .replace("respond.json", "shell.exec"));
        assertEquals(400, unknownOp.status());
        assertEquals("CONFIG_INVALID", unknownOp.errorCode());

        Http.Reply noEntity = Http.delete("/admin/entities/artifact", admin);
        assertEquals(400, noEntity.status(), "routes still reference the entity: " + noEntity.body());

        assertEquals(before, revision(), "nothing was stored");
        assertEquals(originA, Http.get("/admin/upstreams/originA", admin).json().path("item"));
        String ns = Http.unique("stillserves");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "ok").status());
        assertEquals("1.0.0", Http.get("/v1/" + ns + "/app/latest", admin).json().path("version").asText());
    }

    @Test
    void entitiesBlobStoresUpstreamsAndFeaturesAreEditable() {
        String admin = Http.admin();
        String entity = "{\"name\":\"it_widget\",\"fields\":{\"id\":{\"type\":\"string\",\"normalize\":[\"trim\"]}},"
                + "\"primary_key\":[\"id\"],\"constraints\":[{\"field\":\"id\",\"regex\":\"^[a-z]+$\"}]}";
        assertEquals(201, Http.postJson("/admin/entities", admin, entity).status());
        assertTrue(Http.get("/admin/entities", admin).body().contains("it_widget"));
        assertEquals(200, Http.delete("/admin/entities/it_widget", admin).status());
        assertEquals(400, Http.postJson("/admin/entities", admin, "{\"name\":\"versioning\",\"fields\":{}}").status());

        String store = "{\"name\":\"it_scratch\",\"kind\":\"filesystem\",\"root\":\"/data/it-scratch\","
                + "\"addressing\":{\"mode\":\"content_addressed\",\"digest\":\"sha256\",\"path_template\":\"sha256/{digest:0:2}/{digest}\"},"
                + "\"limits\":{\"max_blob_bytes\":1048576,\"min_blob_bytes\":0}}";
        Http.Reply storeCreated = Http.postJson("/admin/blob-stores", admin, store);
        assertEquals(201, storeCreated.status(), storeCreated.body());
        assertEquals(2, Http.get("/admin/blob-stores", admin).json().path("blob_stores").size());
        assertEquals(200, Http.delete("/admin/blob-stores/it_scratch", admin).status());

        String upstream = "{\"base_url\":\"https://mirror.example.com\",\"timeouts_ms\":{\"connect\":1000,\"read\":5000},"
                + "\"retry\":{\"max_attempts\":1,\"backoff_ms\":0}}";
        assertEquals(201, Http.postJson("/admin/upstreams", admin, upstream.replace("{\"base_url\"", "{\"name\":\"it_mirror\",\"base_url\"")).status());
        Http.Reply replaced = Http.putJson("/admin/upstreams/it_mirror", admin, upstream.replace("mirror.example.com", "mirror2.example.com"));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("https://mirror2.example.com", replaced.json().path("item").path("base_url").asText());
        assertEquals(200, Http.delete("/admin/upstreams/it_mirror", admin).status());
        assertEquals(404, Http.delete("/admin/upstreams/it_mirror", admin).status());

        Http.Reply off = Http.putJson("/admin/features", admin, "{\"mutable_tags\":false}");
        assertEquals(200, off.status(), off.body());
        try {
            assertEquals(false, off.json().path("features").path("mutable_tags").asBoolean(true));
            assertEquals(false, Http.get("/admin/features", admin).json().path("features").path("mutable_tags").asBoolean(true));
            assertEquals(400, Http.putJson("/admin/features", admin, "{\"mutable_tags\":\"no\"}").status());
        } finally {
            assertEquals(200, Http.putJson("/admin/features", admin, "{\"mutable_tags\":true}").status());
        }
    }

    @Test
    void aStaleRevisionIsRefusedAndConcurrentWritersNeverLoseAChange() throws Exception {
        String admin = Http.admin();
        long base = revision();
        String stale = "\"" + (base - 1) + "\"";
        Http.Reply refused = Http.send(Http.request("/admin/features", admin).header("Content-Type", "application/json")
                .header("If-Match", stale).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"proxy_enabled\":true}")).build());
        assertEquals(409, refused.status(), refused.body());
        assertEquals("CONFLICT", refused.errorCode());

        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<String> ids = new ArrayList<>();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String id = "it_race_" + i + "_" + Long.toString(System.nanoTime(), 36);
                ids.add(id);
                Callable<Integer> write = () -> Http.send(Http.request("/admin/routes", admin)
                        .header("Content-Type", "application/json").header("If-Match", "\"" + base + "\"")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(helloRoute(id, id.replace('_', '-')))).build()).status();
                results.add(pool.submit(write));
            }
            int created = 0;
            int conflicts = 0;
            for (Future<Integer> r : results) {
                int status = r.get();
                created += status == 201 ? 1 : 0;
                conflicts += status == 409 ? 1 : 0;
            }
            assertEquals(1, created, "exactly one write based on revision " + base + " wins");
            assertEquals(writers - 1, conflicts, "the others are told to retry");
            assertEquals(base + 1, revision());
        } finally {
            pool.shutdown();
            for (String id : ids) {
                Http.delete("/admin/routes/" + id, admin);
            }
        }
    }
}
