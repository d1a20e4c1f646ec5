package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog API over HTTP: listing, search, paging, one package's detail, scopes and bad parameters. */
class CatalogIT {

    private static void publish(String token, String path) {
        Http.Reply r = Http.putBytes(path, token, ("bytes of " + path).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body());
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("packages").forEach(p -> out.add(p.path("name").asText()));
        return out;
    }

    @Test
    void listsSearchesAndPagesPackagesOfANamespace() {
        String admin = Http.admin();
        String ns = Http.unique("cat");
        for (String name : List.of("alpha", "beta-tool", "gamma")) {
            publish(admin, "/v1/" + ns + "/" + name + "/1.0.0/linux/blob");
            publish(admin, "/v1/" + ns + "/" + name + "/1.1.0/linux/blob");
            publish(admin, "/v1/" + ns + "/" + name + "/2.0.0-rc.1/linux/blob");
        }
        JsonNode all = Http.get("/v1/catalog?namespace=" + ns, admin).json();
        assertEquals(List.of("alpha", "beta-tool", "gamma"), names(all));
        JsonNode alpha = all.path("packages").get(0);
        assertEquals("1.1.0", alpha.path("latest").path("version").asText(), "latest is the newest release");
        assertEquals(3, alpha.path("version_count").asInt());

        assertEquals(List.of("beta-tool"), names(Http.get("/v1/catalog?q=" + ns + "/beta", admin).json()), "substring search");
        assertEquals(List.of("gamma"), names(Http.get("/v1/catalog?namespace=" + ns + "&prefix=ga", admin).json()), "prefix");

        Http.Reply first = Http.get("/v1/catalog?namespace=" + ns + "&limit=2", admin);
        assertEquals(List.of("alpha", "beta-tool"), names(first.json()));
        String cursor = first.json().path("next_cursor").asText();
        JsonNode second = Http.get("/v1/catalog?namespace=" + ns + "&limit=2&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8), admin).json();
        assertEquals(List.of("gamma"), names(second));
        assertTrue(second.path("next_cursor").isNull());

        JsonNode namespaces = Http.get("/v1/catalog/namespaces?prefix=" + ns, admin).json();
        assertEquals(ns, namespaces.path("namespaces").get(0).path("namespace").asText());
    }

    @Test
    void packageDetailListsArtifactsNewestFirstWithTags() {
        String admin = Http.admin();
        String ns = Http.unique("catd");
        publish(admin, "/v1/" + ns + "/app/1.2.0/linux/blob");
        publish(admin, "/v1/" + ns + "/app/1.10.0/linux/blob");
        publish(admin, "/v1/" + ns + "/app/1.10.0/darwin/blob");
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/stable", admin,
                "{\"target_version\":\"1.2.0\",\"target_variant\":\"linux\"}").status());
        Http.Reply r = Http.get("/v1/catalog/package?namespace=" + ns + "&name=app", admin);
        assertEquals(200, r.status(), r.body());
        JsonNode detail = r.json();
        assertEquals("1.10.0", detail.path("artifacts").get(0).path("version").asText());
        assertEquals("1.2.0", detail.path("artifacts").get(2).path("version").asText());
        assertEquals("admin", detail.path("artifacts").get(0).path("created_by").asText());
        assertTrue(detail.path("artifacts").get(0).path("blob_size").asLong() > 0);
        assertEquals("stable", detail.path("tags").get(0).path("tag").asText());
        assertEquals("1.2.0", detail.path("tags").get(0).path("target_version").asText());
        assertEquals("1.10.0", detail.path("latest").path("version").asText());
        Http.Reply missing = Http.get("/v1/catalog/package?namespace=" + ns + "&name=nope", admin);
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.errorCode());
    }

    @Test
    void badParametersAreJson400s() {
        String admin = Http.admin();
        for (String query : List.of("limit=0", "limit=101", "limit=x", "cursor=%21%21", "namespace=Bad%21",
                "prefix=a%20b", "q=" + "x".repeat(201))) {
            Http.Reply r = Http.get("/v1/catalog?" + query, admin);
            assertEquals(400, r.status(), query + ": " + r.body());
            assertTrue(r.errorCode().equals("INVALID_REQUEST") || r.errorCode().equals("VALIDATION_ERROR"), query);
            assertTrue(r.header("Content-Type").startsWith("application/json"), query);
        }
        Http.Reply noName = Http.get("/v1/catalog/package?namespace=acme", admin);
        assertEquals(400, noName.status());
        assertEquals("INVALID_REQUEST", noName.errorCode());
    }

    @Test
    void needsAReadToken() {
        String writeOnly = Users.token("catalog-no-read", "write");
        for (String path : List.of("/v1/catalog", "/v1/catalog/namespaces", "/v1/catalog/package?namespace=a&name=b")) {
            assertEquals(401, Http.get(path, null).status(), path);
            assertEquals(401, Http.get(path, "not-a-token").status(), path);
            Http.Reply forbidden = Http.get(path, writeOnly);
            assertEquals(403, forbidden.status(), path + ": " + forbidden.body());
            assertEquals("FORBIDDEN", forbidden.errorCode(), path);
        }
    }
}
