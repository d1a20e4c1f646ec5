package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy against a real upstream that is our own server: the IT server holds the artifacts (published over
 * HTTP) and is the upstream; a second instance of our server ({@link PeerServer}) proxies from it. The peer is
 * the one started here because the upstream's secret must be in the proxying server's environment when it
 * starts, and the IT server hands out that secret (an API token) only once it runs. The peer's originA is
 * pointed at the IT server through the peer's admin API, with the token read from the peer's environment.
 */
class ProxyPeerIT {
    static final PeerServer peer = new PeerServer();
    static final String WRONG_TOKEN = "gpr_000000000000000000000000_" + "A".repeat(43);
    static String readToken;

    final String admin = Http.admin();
    final String ns = Http.unique("peer");

    @BeforeAll
    static void startThePeerWithTheUpstreamTokenInItsEnvironment() throws Exception {
        String reader = Users.token("peer-reader", "read");
        Http.Reply created = Http.postJson("/auth/tokens", reader, "{\"name\":\"peer-proxy\",\"scopes\":[\"read\"]}");
        assertEquals(201, created.status(), created.body());
        readToken = created.json().path("token").asText();
        peer.start(Map.of("GPR_IT_UPSTREAM_TOKEN", readToken, "GPR_IT_UPSTREAM_AUTHORIZATION", "Bearer " + readToken,
                "GPR_IT_WRONG_TOKEN", WRONG_TOKEN));
        useAuth("{\"mode\":\"bearer_token\",\"token_env\":\"GPR_IT_UPSTREAM_TOKEN\"}");
    }

    @AfterAll
    static void stopThePeer() {
        peer.stop();
    }

    /** Points the peer's originA at the IT server with the given auth (and short timeouts). */
    static void useAuth(String auth) {
        Http.Reply r = peer.putJson("/admin/upstreams/originA", "{\"base_url\":\"" + Http.BASE + "\",\"auth\":" + auth
                + ",\"timeouts_ms\":{\"connect\":1000,\"read\":5000},\"retry\":{\"max_attempts\":2,\"backoff_ms\":100},"
                + "\"health_check\":{\"enabled\":true,\"endpoint\":\"/health/ready\",\"interval_seconds\":1}}");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void anArtifactPublishedHereIsServedByThePeerWithTheSameBytesAndDigest() {
        byte[] bytes = random(300_000);
        String path = Artifacts.blobPath(ns, "app", "1.0.0", "x");
        Http.Reply published = Http.putBytes(path, admin, bytes);
        assertEquals(201, published.status(), published.body());
        String digest = published.json().path("digest").asText();

        Http.Reply first = peer.getBytes(proxy(path));
        assertEquals(200, first.status(), first.body());
        assertArrayEquals(bytes, PeerServer.bytes(first));
        assertEquals(digest, Artifacts.sha256(PeerServer.bytes(first)));
        assertEquals("\"" + digest + "\"", first.header("ETag"));

        Http.Reply second = peer.get(proxy(path));
        assertEquals(307, second.status(), second.body());
        assertTrue(second.header("Location").endsWith(path), second.header("Location"));
        assertArrayEquals(bytes, PeerServer.bytes(peer.getBytes(path)));

        assertEquals(digest, peer.get("/v1/" + ns + "/app/latest").json().path("blob_digest").asText());
        String events = peer.get("/admin/events?limit=1000").body();
        assertTrue(events.contains("\"artifact.cached\"") && events.contains(ns), "artifact.cached on the peer");
    }

    @Test
    void anArtifactTheUpstreamDoesNotHaveIsOur404() {
        Http.Reply r = peer.get(proxy(Artifacts.blobPath(ns, "nowhere", "1.0.0", "x")));
        assertEquals(404, r.status(), r.body());
        assertEquals("NOT_FOUND", r.errorCode());
    }

    @Test
    void theUpstreamsOwnAuthDecidesWithTheSecretFromTheEnvironment() {
        try {
            useAuth("{\"mode\":\"api_key\",\"header\":\"Authorization\",\"key_env\":\"GPR_IT_UPSTREAM_AUTHORIZATION\"}");
            assertEquals(200, fetchThroughThePeer("api-key"), "api_key with the header our server reads");

            useAuth("{\"mode\":\"bearer_token\",\"token_env\":\"GPR_IT_WRONG_TOKEN\"}");
            assertEquals(502, fetchThroughThePeer("wrong"), "the upstream refuses an unknown token (401): our 502");

            useAuth("{\"mode\":\"bearer_token\",\"token_env\":\"GPR_IT_UNSET_VARIABLE\"}");
            assertEquals(502, fetchThroughThePeer("unset"), "no secret, no credentials: the upstream answers 401");

            useAuth("{\"mode\":\"basic\",\"username\":\"admin\",\"password_env\":\"GPR_IT_UPSTREAM_TOKEN\"}");
            assertEquals(502, fetchThroughThePeer("basic"), "our server accepts only Bearer credentials");
        } finally {
            useAuth("{\"mode\":\"bearer_token\",\"token_env\":\"GPR_IT_UPSTREAM_TOKEN\"}");
        }
        assertEquals(200, fetchThroughThePeer("bearer"));
        String stored = peer.get("/admin/upstreams/originA").body() + peer.get("/schema").body();
        assertFalse(stored.contains(readToken.substring(4)), "the secret is never in the peer's configuration");
    }

    /** Publishes an artifact here and fetches it through the peer's proxy; returns the peer's status. */
    private int fetchThroughThePeer(String name) {
        byte[] bytes = random(1000);
        String path = Artifacts.blobPath(ns, name, "1.0.0", "x");
        assertEquals(201, Http.putBytes(path, admin, bytes).status());
        Http.Reply r = peer.getBytes(proxy(path));
        if (r.status() == 200) {
            assertArrayEquals(bytes, PeerServer.bytes(r));
        } else {
            assertEquals("UPSTREAM_ERROR", r.errorCode(), r.body());
        }
        return r.status();
    }

    private static String proxy(String blobPath) {
        return blobPath.replaceFirst("^/v1/", "/v1/proxy/");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
