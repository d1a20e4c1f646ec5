package com.goodpackagerepo.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Maven repository with an upstream of the same layout (a fake Maven Central): a miss is fetched, stored through
 * the publish route and then served locally; metadata the store does not hold passes through; the admin API
 * refuses a repository naming an unknown upstream.
 */
class MavenProxyIT {
    private static final FakeUpstream UPSTREAM = new FakeUpstream();
    private static String admin;
    private static String upstream;
    private static String sectionBefore;

    @BeforeAll
    static void start() {
        Http.awaitReady(java.time.Duration.ofMinutes(3));
        UPSTREAM.start();
        admin = Http.admin();
        upstream = "mvn_up_" + Long.toString(System.nanoTime(), 36);
        assertEquals(201, Http.postJson("/admin/upstreams", admin, "{\"name\":\"" + upstream + "\",\"base_url\":\"http://127.0.0.1:"
                + FakeUpstream.PORT + "\",\"timeouts_ms\":{\"connect\":1000,\"read\":3000},"
                + "\"retry\":{\"max_attempts\":1,\"backoff_ms\":0}}").status());
        sectionBefore = Http.get("/admin/maven", admin).json().path("maven").toString();
        Http.Reply put = Http.putJson("/admin/maven", admin, "{\"repositories\":{"
                + "\"releases\":{\"policy\":\"release\"},\"snapshots\":{\"policy\":\"snapshot\",\"keep_snapshot_builds\":10},"
                + "\"mirror\":{\"policy\":\"release\",\"upstream\":\"" + upstream + "\"}}}");
        assertEquals(200, put.status(), put.body());
        assertEquals(upstream, put.json().path("repositories").path("mirror").path("upstream").asText());
    }

    @AfterAll
    static void stop() {
        try {
            Http.putJson("/admin/maven", admin, sectionBefore);
            Http.delete("/admin/upstreams/" + upstream, admin);
        } finally {
            UPSTREAM.stop();
        }
    }

    @Test
    void aMissIsFetchedStoredAndThenServedLocally() throws Exception {
        String group = "org.mirror" + Long.toString(System.nanoTime(), 36);
        String file = "/" + group.replace('.', '/') + "/lib/1.0/lib-1.0.jar";
        byte[] bytes = ("jar from upstream " + group).getBytes(StandardCharsets.UTF_8);
        UPSTREAM.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(file)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody(bytes)));
        String token = admin;
        Http.Reply first = Http.get("/maven/mirror" + file, token);
        assertEquals(200, first.status(), first.body());
        assertEquals(new String(bytes, StandardCharsets.UTF_8), first.body());
        Http.Reply second = Http.get("/maven/mirror" + file, token);
        assertEquals(200, second.status());
        assertEquals(1, UPSTREAM.requestsFor(file), "the second request is served from the store");
        assertEquals(200, Http.get("/v1/" + group + "/lib/1.0/jar/blob", token).status(), "cached as an artifact");
        String sha1 = Http.get("/maven/mirror" + file + ".sha1", token).body();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)), sha1);
        assertEquals(404, Http.get("/maven/mirror/" + group.replace('.', '/') + "/lib/2.0/lib-2.0.jar", token).status());
    }

    @Test
    void metadataTheStoreDoesNotHoldPassesThrough() {
        String path = "/org/passthrough/tool/maven-metadata.xml";
        String xml = "<metadata><groupId>org.passthrough</groupId><artifactId>tool</artifactId><versioning><versions>"
                + "<version>3.0</version></versions></versioning></metadata>";
        UPSTREAM.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody(xml)));
        Http.Reply reply = Http.get("/maven/mirror" + path, admin);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().contains("<version>3.0</version>"));
        assertEquals(404, Http.get("/maven/releases" + path, admin).status(), "a repository without upstream: 404");
    }

    @Test
    void aRepositoryNamingAnUnknownUpstreamIsRefused() {
        Http.Reply bad = Http.putJson("/admin/maven", admin, "{\"repositories\":{\"x\":{\"upstream\":\"nowhere\"}}}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("CONFIG_INVALID", bad.errorCode());
        assertTrue(bad.body().contains("maven.repositories.x.upstream"), bad.body());
    }
}
