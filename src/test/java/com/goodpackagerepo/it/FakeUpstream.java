package com.goodpackagerepo.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * The upstream the IT server's {@code originA} points at (see {@code it.upstream.port} in the pom): a
 * WireMock server that by default behaves like another Good Package Repo — {@code GET /v1/{ns}/{name}/
 * {version}/{variant}/blob} answers the bytes with {@code ETag: "sha256:<hex>"} for the artifacts it
 * {@link #holds}, 404 with our JSON error body otherwise, and {@code /health} is 200 — and on which a test
 * can inject faults (delays, 5xx, resets, broken bodies, wrong digests) per path.
 *
 * <p>It fakes our /v1 layout so that faults can be injected; {@link ProxyPeerIT} runs the proxy against a real
 * second instance of our server.
 */
final class FakeUpstream {
    static final int PORT = Integer.getInteger("it.upstream.port", 9089);

    final WireMockServer server = new WireMockServer(options().port(PORT).bindAddress("127.0.0.1")
            .containerThreads(40).jettyAcceptors(2));

    void start() {
        server.start();
        reset();
    }

    void stop() {
        server.stop();
    }

    /** Back to a healthy repository holding nothing, with an empty request journal. */
    void reset() {
        server.resetAll();
        server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Artifact not found\"}}")));
        server.stubFor(get(urlEqualTo("/health")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"UP\",\"checks\":[]}")));
    }

    /** Serves {@code bytes} at the blob URL of an artifact, as our own fetch_artifact_blob route does. */
    void holds(String blobPath, byte[] bytes) {
        answer(blobPath, ok(bytes));
    }

    void answer(String blobPath, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo(blobPath)).atPriority(1).willReturn(response));
    }

    static ResponseDefinitionBuilder ok(byte[] bytes) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                .withHeader("ETag", "\"" + Artifacts.sha256(bytes) + "\"").withBody(bytes);
    }

    int requestsFor(String path) {
        return server.findAll(getRequestedFor(urlEqualTo(path))).size();
    }
}
