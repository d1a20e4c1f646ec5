package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The five configured routes plus versions and tag reads, over HTTP. */
class DataPlaneIT {
    private final String admin = Http.admin();

    @Test
    void publishThenFetchRoundTrips() throws Exception {
        String ns = Http.unique("ns");
        Http.Reply published = Artifacts.publish(admin, ns, "app", "1.0.0", "linux-amd64", "hello bytes");
        assertEquals(201, published.status(), published.body());
        assertTrue(published.json().path("ok").asBoolean());
        assertEquals(Artifacts.sha256("hello bytes"), published.json().path("digest").asText());
        assertEquals(11, published.json().path("size").asLong());

        HttpResponse<byte[]> fetched = Http.CLIENT.send(Http.request(
                Artifacts.blobPath(ns, "app", "1.0.0", "linux-amd64"), admin).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals("hello bytes".getBytes(StandardCharsets.UTF_8), fetched.body());
        assertEquals("application/octet-stream", fetched.headers().firstValue("Content-Type").orElse(""));
        assertEquals("\"" + Artifacts.sha256("hello bytes") + "\"", fetched.headers().firstValue("ETag").orElse(""));
        assertEquals("11", fetched.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    void namesAreNormalizedBeforeUse() {
        String ns = Http.unique("Norm").toUpperCase();
        assertEquals(201, Artifacts.publish(admin, ns, "My_App", "1.0.0", "Linux", "x").status());
        Http.Reply fetched = Http.get(Artifacts.blobPath(ns.toLowerCase(), "my-app", "1.0.0", "linux"), admin);
        assertEquals(200, fetched.status());
        assertEquals("x", fetched.body());
    }

    @Test
    void secondPublishOfTheSameKeyIs409AndChangesNothing() {
        String ns = Http.unique("dup");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "first").status());
        Http.Reply again = Artifacts.publish(admin, ns, "app", "1.0.0", "x", "second");
        assertEquals(409, again.status());
        assertEquals("ALREADY_EXISTS", again.errorCode());
        assertEquals("first", Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), admin).body());
    }

    @Test
    void headConditionalAndRangeRequests() throws Exception {
        String ns = Http.unique("range");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "0123456789").status());
        String path = Artifacts.blobPath(ns, "app", "1.0.0", "x");
        Http.Reply head = Http.head(path, admin);
        assertEquals(200, head.status());
        assertEquals("10", head.header("Content-Length"));
        assertEquals("", head.body());
        String etag = head.header("ETag");
        Http.Reply notModified = Http.send(Http.request(path, admin).header("If-None-Match", etag).GET().build());
        assertEquals(304, notModified.status());
        Http.Reply partial = Http.send(Http.request(path, admin).header("Range", "bytes=2-5").GET().build());
        assertEquals(206, partial.status());
        assertEquals("2345", partial.body());
        assertEquals("bytes 2-5/10", partial.header("Content-Range"));
        Http.Reply suffix = Http.send(Http.request(path, admin).header("Range", "bytes=-3").GET().build());
        assertEquals("789", suffix.body());
        Http.Reply unsatisfiable = Http.send(Http.request(path, admin).header("Range", "bytes=50-60").GET().build());
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */10", unsatisfiable.header("Content-Range"));
    }

    @Test
    void missingArtifactIs404() {
        Http.Reply r = Http.get(Artifacts.blobPath(Http.unique("none"), "app", "1.0.0", "x"), admin);
        assertEquals(404, r.status());
        assertEquals("NOT_FOUND", r.errorCode());
    }

    @Test
    void latestFollowsSemverAndSkipsPrereleases() {
        String ns = Http.unique("semver");
        for (String v : new String[] {"1.9.0", "1.10.0", "1.2.3", "2.0.0-beta.1", "1.10.0-rc.1"}) {
            assertEquals(201, Artifacts.publish(admin, ns, "lib", v, "any", "v" + v).status());
        }
        Http.Reply latest = Http.get("/v1/" + ns + "/lib/latest", admin);
        assertEquals(200, latest.status());
        JsonNode body = latest.json();
        assertEquals("1.10.0", body.path("version").asText());
        assertEquals(ns, body.path("namespace").asText());
        assertEquals("lib", body.path("name").asText());
        assertEquals("any", body.path("variant").asText());
        assertEquals(Artifacts.sha256("v1.10.0"), body.path("blob_digest").asText());
        assertEquals(404, Http.get("/v1/" + Http.unique("empty") + "/lib/latest", admin).status());
    }

    @Test
    void versionsAreNewestFirstAndPaged() {
        String ns = Http.unique("pages");
        String[] versions = {"0.1.0", "0.2.0", "0.10.0", "1.0.0-alpha", "1.0.0", "2.0.0"};
        for (String v : versions) {
            assertEquals(201, Artifacts.publish(admin, ns, "lib", v, "any", v).status());
        }
        Http.Reply all = Http.get("/v1/" + ns + "/lib/versions", admin);
        assertEquals(200, all.status());
        JsonNode list = all.json().path("versions");
        assertEquals(6, list.size());
        assertEquals("2.0.0", list.get(0).path("version").asText());
        assertEquals("1.0.0", list.get(1).path("version").asText());
        assertEquals("1.0.0-alpha", list.get(2).path("version").asText());
        assertEquals("0.10.0", list.get(3).path("version").asText());
        assertTrue(all.json().path("next_cursor").isNull());
        assertNull(all.header("Link"));

        StringBuilder seen = new StringBuilder();
        String cursor = null;
        int pages = 0;
        do {
            Http.Reply page = Http.get("/v1/" + ns + "/lib/versions?limit=4"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin);
            assertEquals(200, page.status(), page.body());
            page.json().path("versions").forEach(v -> seen.append(v.path("version").asText()).append(','));
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
            if (cursor != null) {
                assertTrue(page.header("Link").contains("rel=\"next\""));
            }
            pages++;
        } while (cursor != null);
        assertEquals(2, pages);
        assertEquals("2.0.0,1.0.0,1.0.0-alpha,0.10.0,0.2.0,0.1.0,", seen.toString());
        assertEquals(400, Http.get("/v1/" + ns + "/lib/versions?limit=0", admin).status());
        assertEquals(400, Http.get("/v1/" + ns + "/lib/versions?limit=5000", admin).status());
        assertEquals(400, Http.get("/v1/" + ns + "/lib/versions?cursor=garbage!!", admin).status());
    }

    @Test
    void tagsAreSetAndRead() {
        String ns = Http.unique("tags");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "one").status());
        assertEquals(201, Artifacts.publish(admin, ns, "app", "2.0.0", "x", "two").status());
        Http.Reply set = Http.putJson("/v1/" + ns + "/app/tags/stable", admin,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}");
        assertEquals(200, set.status(), set.body());
        assertTrue(set.json().path("ok").asBoolean());
        Http.Reply read = Http.get("/v1/" + ns + "/app/tags/stable", admin);
        assertEquals(200, read.status());
        assertEquals("1.0.0", read.json().path("target_version").asText());
        assertEquals("artifact/" + ns + "/app/1.0.0/x", read.json().path("target_key").asText());
        assertEquals("admin", read.json().path("updated_by").asText());

        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/stable", admin,
                "{\"target_version\":\"2.0.0\",\"target_variant\":\"x\"}").status(), "tags are mutable by default");
        assertEquals("2.0.0", Http.get("/v1/" + ns + "/app/tags/stable", admin).json().path("target_version").asText());

        Http.Reply missing = Http.putJson("/v1/" + ns + "/app/tags/broken", admin,
                "{\"target_version\":\"9.9.9\",\"target_variant\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("TARGET_NOT_FOUND", missing.errorCode());
        assertEquals(404, Http.get("/v1/" + ns + "/app/tags/broken", admin).status());

        Http.Reply badBody = Http.putJson("/v1/" + ns + "/app/tags/x", admin, "{\"target_version\":\"1.0.0\"}");
        assertEquals(400, badBody.status());
        assertEquals("VALIDATION_ERROR", badBody.errorCode());
        assertEquals(400, Http.putJson("/v1/" + ns + "/app/tags/x", admin, "[1,2]").status());
    }

    @Test
    void statedDigestsAreChecked() {
        String ns = Http.unique("digest");
        byte[] bytes = "digest me".getBytes(StandardCharsets.UTF_8);
        String good = Artifacts.sha256(bytes);
        String path = Artifacts.blobPath(ns, "app", "1.0.0", "x");
        Http.Reply wrong = Http.putBytes(path + "?digest=sha256:" + "0".repeat(64), admin, bytes);
        assertEquals(400, wrong.status());
        assertEquals("DIGEST_MISMATCH", wrong.errorCode());
        assertEquals(404, Http.get(path, admin).status(), "nothing stored after a mismatch");

        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(good.substring(7)));
        Http.Reply wrongHeader = Http.send(Http.request(path, admin)
                .header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(new byte[32]) + ":")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertEquals("DIGEST_MISMATCH", wrongHeader.errorCode());

        Http.Reply ok = Http.send(Http.request(path, admin).header("Content-Digest", "sha-256=:" + b64 + ":")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertEquals(201, ok.status(), ok.body());
        assertEquals(good, ok.json().path("digest").asText());
        Http.Reply q = Http.putBytes(Artifacts.blobPath(ns, "app", "1.0.1", "x") + "?digest=" + good, admin, bytes);
        assertEquals(201, q.status());
    }

    @Test
    void publishAndTagAreLoggedAsEvents() {
        String ns = Http.unique("events");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "ev").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/t", admin,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        boolean published = false;
        boolean tagged = false;
        String after = "0";
        while (after != null) {
            Http.Reply page = Http.get("/admin/events?limit=500&after=" + after, admin);
            assertEquals(200, page.status());
            for (JsonNode e : page.json().path("events")) {
                assertTrue(e.path("event_id").asText().length() > 10);
                if (ns.equals(e.path("payload").path("namespace").asText())) {
                    published |= e.path("type").asText().equals("artifact.published")
                            && e.path("payload").path("blob_digest").asText().equals(Artifacts.sha256("ev"));
                    tagged |= e.path("type").asText().equals("tag.updated");
                }
            }
            after = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
        }
        assertTrue(published && tagged);
        assertEquals(403, Http.get("/admin/events", Users.token("evreader", "read", "write")).status());
    }

    @Test
    void proxyRedirectsToLocalCopyAndReportsUnreachableUpstream() {
        String ns = Http.unique("proxy");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "local").status());
        Http.Reply local = Http.get("/v1/proxy/" + ns + "/app/1.0.0/x/blob", admin);
        assertEquals(307, local.status());
        assertTrue(local.header("Location").endsWith("/v1/" + ns + "/app/1.0.0/x/blob"), local.header("Location"));
        Http.Reply remote = Http.get("/v1/proxy/" + ns + "/app/9.0.0/x/blob", admin);
        assertEquals(502, remote.status());
        assertEquals("UPSTREAM_ERROR", remote.errorCode());
    }
}
