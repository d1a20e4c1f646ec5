package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.storage.blob.BlobRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped routes run in-process: every op family on the path of publish, fetch, latest, tag and proxy. */
class ShippedRoutesTest {
    @TempDir
    Path dir;
    PipelineHarness harness;

    @BeforeEach
    void open() {
        harness = new PipelineHarness(dir);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private PipelineResult publish(String path, String body) {
        return harness.run("PUT", path, PipelineHarness.WRITER, body);
    }

    @Test
    void publishStoresBlobMetadataIndexAndEvent() {
        PipelineResult r = publish("/v1/Acme/My_App/1.0.0/Linux/blob", "bytes");
        PipelineResult.JsonBody json = assertInstanceOf(PipelineResult.JsonBody.class, r);
        assertEquals(201, json.status());
        assertEquals(5, json.body().path("size").asLong());
        assertTrue(json.body().path("size").isIntegralNumber(), "size keeps its integer type");
        String digest = json.body().path("digest").asText();
        JsonNode meta = com.goodpackagerepo.json.Json.parse(
                harness.stores().metadata().get("artifact/acme/my-app/1.0.0/linux").orElseThrow());
        assertEquals(digest, meta.path("blob_digest").asText());
        assertEquals("writer", meta.path("created_by").asText());
        assertEquals(1, harness.stores().metadata().length());
        assertEquals("artifact.published", harness.stores().metadata().readAfter(0, 10).get(0).type());
    }

    @Test
    void duplicatePublishIs409AndWritesNothingMore() {
        publish("/v1/a/b/1.0.0/x/blob", "one");
        PipelineResult.Failure again = assertInstanceOf(PipelineResult.Failure.class, publish("/v1/a/b/1.0.0/x/blob", "two"));
        assertEquals(409, ErrorStatus.of(again.error().code()));
        assertEquals("ALREADY_EXISTS", again.error().code().name());
        assertEquals(1, harness.stores().metadata().length(), "no second event");
    }

    @Test
    void fetchServesTheBlobAndCachesTheReference() {
        publish("/v1/a/b/1.0.0/x/blob", "payload");
        PipelineResult.Bytes first = assertInstanceOf(PipelineResult.Bytes.class,
                harness.run("GET", "/v1/a/b/1.0.0/x/blob", PipelineHarness.READER, null));
        BlobRef blob = assertInstanceOf(BlobRef.class, first.body());
        assertEquals(7, blob.size());
        assertTrue(first.headers().get("ETag").startsWith("\"sha256:"));
        PipelineResult.Bytes second = assertInstanceOf(PipelineResult.Bytes.class,
                harness.run("GET", "/v1/a/b/1.0.0/x/blob", PipelineHarness.READER, null));
        assertEquals(blob.digest(), ((BlobRef) second.body()).digest());
        PipelineResult.Error missing = assertInstanceOf(PipelineResult.Error.class,
                harness.run("GET", "/v1/a/b/9.0.0/x/blob", PipelineHarness.READER, null));
        assertEquals(404, missing.status());
    }

    @Test
    void latestPicksTheNewestRelease() {
        for (String v : List.of("1.9.0", "1.10.0", "2.0.0-rc.1")) {
            publish("/v1/a/lib/" + v + "/x/blob", v);
        }
        PipelineResult.JsonBody latest = assertInstanceOf(PipelineResult.JsonBody.class,
                harness.run("GET", "/v1/a/lib/latest", PipelineHarness.READER, null));
        assertEquals("1.10.0", latest.body().path("version").asText());
        PipelineResult.Error none = assertInstanceOf(PipelineResult.Error.class,
                harness.run("GET", "/v1/a/none/latest", PipelineHarness.READER, null));
        assertEquals("NOT_FOUND", none.code());
    }

    @Test
    void setTagChecksItsTargetAndBody() {
        publish("/v1/a/b/1.0.0/x/blob", "one");
        PipelineResult ok = harness.run("PUT", "/v1/a/b/tags/stable", PipelineHarness.WRITER,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}");
        assertEquals(200, Results.status(ok));
        PipelineResult.Error missing = assertInstanceOf(PipelineResult.Error.class, harness.run("PUT",
                "/v1/a/b/tags/stable", PipelineHarness.WRITER, "{\"target_version\":\"2.0.0\",\"target_variant\":\"x\"}"));
        assertEquals("TARGET_NOT_FOUND", missing.code());
        PipelineResult.Failure invalid = assertInstanceOf(PipelineResult.Failure.class, harness.run("PUT",
                "/v1/a/b/tags/stable", PipelineHarness.WRITER, "{\"target_version\":\"1.0.0\"}"));
        assertEquals("VALIDATION_ERROR", invalid.error().code().name());
        PipelineResult.Failure malformed = assertInstanceOf(PipelineResult.Failure.class,
                harness.run("PUT", "/v1/a/b/tags/stable", PipelineHarness.WRITER, "{oops"));
        assertEquals("INVALID_JSON", malformed.error().code().name());
        assertEquals(2, harness.stores().metadata().length(), "one publish and one tag event only");
    }

    @Test
    void readerCannotWriteAndAnonymousCannotRead() {
        PipelineResult.Failure forbidden = assertInstanceOf(PipelineResult.Failure.class,
                harness.run("PUT", "/v1/a/b/1.0.0/x/blob", PipelineHarness.READER, "x"));
        assertEquals(403, ErrorStatus.of(forbidden.error().code()));
        PipelineResult.Failure anonymous = assertInstanceOf(PipelineResult.Failure.class,
                harness.run("GET", "/v1/a/b/latest", null, null));
        assertEquals(401, ErrorStatus.of(anonymous.error().code()));
    }

    @Test
    void statedDigestMismatchStoresNothing() {
        PipelineResult.Failure r = assertInstanceOf(PipelineResult.Failure.class, harness.run("PUT", "/v1/a/b/1.0.0/x/blob",
                PipelineHarness.WRITER, "abc", Map.of("digest", List.of("sha256:" + "0".repeat(64))), Map.of()));
        assertEquals("DIGEST_MISMATCH", r.error().code().name());
        assertTrue(harness.stores().metadata().get("artifact/a/b/1.0.0/x").isEmpty());
    }

    @Test
    void immutableTagsRefuseToMove() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ((ObjectNode) schema.get("features")).put("mutable_tags", false);
        harness.close();
        harness = new PipelineHarness(dir.resolve("immutable"), schema);
        publish("/v1/a/b/1.0.0/x/blob", "one");
        publish("/v1/a/b/2.0.0/x/blob", "two");
        String tag = "/v1/a/b/tags/stable";
        assertEquals(200, Results.status(harness.run("PUT", tag, PipelineHarness.WRITER,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}")));
        assertEquals(200, Results.status(harness.run("PUT", tag, PipelineHarness.WRITER,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}")), "same target again is fine");
        PipelineResult.Failure moved = assertInstanceOf(PipelineResult.Failure.class, harness.run("PUT", tag,
                PipelineHarness.WRITER, "{\"target_version\":\"2.0.0\",\"target_variant\":\"x\"}"));
        assertEquals(409, ErrorStatus.of(moved.error().code()));
    }

    @Test
    void overwriteAllowedReplacesTheArtifact() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema();
        ((ObjectNode) schema.get("features")).put("allow_overwrite_artifacts", true);
        harness.close();
        harness = new PipelineHarness(dir.resolve("overwrite"), schema);
        publish("/v1/a/b/1.0.0/x/blob", "one");
        assertEquals(201, Results.status(publish("/v1/a/b/1.0.0/x/blob", "two")));
        PipelineResult.Bytes fetched = assertInstanceOf(PipelineResult.Bytes.class,
                harness.run("GET", "/v1/a/b/1.0.0/x/blob", PipelineHarness.READER, null));
        assertEquals(3, ((BlobRef) fetched.body()).size());
    }

    @Test
    void proxyRedirectsWhenLocalAndFailsCleanlyWhenUpstreamIsUnreachable() {
        publish("/v1/a/b/1.0.0/x/blob", "one");
        PipelineResult.Redirect redirect = assertInstanceOf(PipelineResult.Redirect.class,
                harness.run("GET", "/v1/proxy/a/b/1.0.0/x/blob", PipelineHarness.READER, null));
        assertEquals(307, redirect.status());
        assertEquals("/v1/a/b/1.0.0/x/blob", redirect.location());
    }

    @Test
    void invalidPathFieldsAreRejected() {
        DomainException e = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
                () -> harness.run("PUT", "/v1/a/b/%2e%2e/x/blob", PipelineHarness.WRITER, "x"));
        assertEquals(400, ErrorStatus.of(e.code()));
        PipelineResult.Failure bad = assertInstanceOf(PipelineResult.Failure.class,
                publish("/v1/-a/b/1.0.0/x/blob", "x"));
        assertEquals("VALIDATION_ERROR", bad.error().code().name());
    }
}
