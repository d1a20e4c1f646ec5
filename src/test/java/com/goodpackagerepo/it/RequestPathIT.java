package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The configured routes are served by a servlet filter, the fixed endpoints by JAX-RS (docs/decisions.md, "Two
 * request paths, one behaviour"). These check what that filter must do itself: the boundary between the two,
 * HEAD, methods no route has, the query string, a form-encoded body that must stay a body, and the metrics and
 * request id of a download.
 */
class RequestPathIT {
    private final String admin = Http.admin();

    @Test
    void catalogPathsStayFixedWhileANamespaceCalledCatalogIsData() {
        String name = Http.unique("cat");
        assertEquals(200, Http.get("/v1/catalog?limit=1", admin).status());
        assertEquals(200, Http.get("/v1/catalog/namespaces", admin).status());
        assertEquals(201, Artifacts.publish(admin, "catalog", name, "1.0.0", "any", "in the catalog namespace").status());
        Http.Reply latest = Http.get("/v1/catalog/" + name + "/latest", admin);
        assertEquals(200, latest.status(), latest.body());
        assertEquals("1.0.0", latest.json().path("version").asText());
        assertEquals("in the catalog namespace", Http.get(Artifacts.blobPath("catalog", name, "1.0.0", "any"), admin).body());
    }

    @Test
    void headOfABlobHasItsHeadersAndNoBody() {
        String name = Http.unique("head");
        String content = "head of a blob, 32 bytes long..!";
        assertEquals(201, Artifacts.publish(admin, "rp", name, "1.0.0", "x", content).status());
        Http.Reply head = Http.head(Artifacts.blobPath("rp", name, "1.0.0", "x"), admin);
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(String.valueOf(content.length()), head.header("Content-Length"));
        assertEquals("\"" + Artifacts.sha256(content) + "\"", head.header("ETag"));
        assertEquals("nosniff", head.header("X-Content-Type-Options"));
        assertNotNull(head.header("X-Request-Id"));
    }

    @Test
    void aMethodNoRouteHasIsAJsonErrorWithAllow() {
        String path = Artifacts.blobPath("rp", Http.unique("opt"), "1.0.0", "x");
        Http.Reply options = Http.send(Http.request(path, admin).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, options.status(), options.body());
        assertEquals("METHOD_NOT_ALLOWED", options.errorCode());
        assertTrue(options.header("Allow").contains("GET") && options.header("Allow").contains("PUT"), options.header("Allow"));
    }

    @Test
    void aMalformedQueryStringIsABadRequest() {
        Http.Reply bad = BadInputIT.sendRaw("GET /v1/rp/" + Http.unique("q") + "/versions?limit=%zz HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + admin + "\r\nConnection: close\r\n\r\n");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("INVALID_REQUEST", bad.errorCode());
        assertNotNull(bad.json().path("error").path("request_id").asText(null));
    }

    @Test
    void aFormEncodedPublishStoresTheExactBytes() {
        String name = Http.unique("form");
        String content = "a=1&b=two+words&c=%41";
        Http.Reply put = Http.send(Http.request(Artifacts.blobPath("rp", name, "1.0.0", "x"), admin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8)).build());
        assertEquals(201, put.status(), put.body());
        assertEquals(Artifacts.sha256(content), put.json().path("digest").asText());
        assertEquals(content, Http.get(Artifacts.blobPath("rp", name, "1.0.0", "x"), admin).body());
    }

    @Test
    void aDownloadIsTimedUnderItsRouteAndEchoesTheRequestId() {
        String name = Http.unique("dl");
        assertEquals(201, Artifacts.publish(admin, "rp", name, "1.0.0", "x", "timed").status());
        double before = ObservabilityIT.metric("gpr_http_requests_seconds_count", "fetch_artifact_blob");
        Http.Reply get = Http.send(Http.request(Artifacts.blobPath("rp", name, "1.0.0", "x"), admin)
                .header("X-Request-Id", "rp-" + name).GET().build());
        assertEquals(200, get.status());
        assertEquals("rp-" + name, get.header("X-Request-Id"));
        assertTrue(ObservabilityIT.metric("gpr_http_requests_seconds_count", "fetch_artifact_blob") >= before + 1);
    }
}
