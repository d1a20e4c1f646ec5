package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.PipelineHarness;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.TestContexts;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** The shipped routes in-process over real stores, plus the collector: publish, delete, age files, collect, check. */
final class GcFixture implements AutoCloseable {
    final PipelineHarness harness;
    final ObjectNode schema;

    GcFixture(Path dir, Consumer<ObjectNode> schemaChange) {
        this(dir, schemaChange, 0);
    }

    /** With small blobs up to {@code inlineMaxBytes} committed into LMDB with their publish. */
    GcFixture(Path dir, Consumer<ObjectNode> schemaChange, long inlineMaxBytes) {
        schema = (ObjectNode) TestContexts.seedSchema().deepCopy();
        schemaChange.accept(schema);
        harness = new PipelineHarness(dir, schema, inlineMaxBytes);
    }

    static void retention(ObjectNode schema, int keepLastN, boolean keepTagsForever) {
        ObjectNode retention = (ObjectNode) schema.path("gc").path("retention");
        retention.put("keep_last_n_versions", keepLastN);
        retention.put("keep_tags_forever", keepTagsForever);
    }

    MetadataStore metadata() {
        return harness.stores().metadata();
    }

    FilesystemBlobStore blobs() {
        return (FilesystemBlobStore) harness.stores().blobStore("primary");
    }

    PipelineResult publishResult(String ns, String name, String version, String variant, String content) {
        return harness.run("PUT", "/v1/" + ns + "/" + name + "/" + version + "/" + variant + "/blob",
                PipelineHarness.WRITER, content);
    }

    /** Publishes and returns the digest; fails the test unless 201. */
    String publish(String ns, String name, String version, String variant, String content) {
        PipelineResult r = publishResult(ns, name, version, variant, content);
        if (!(r instanceof PipelineResult.JsonBody json) || json.status() != 201) {
            throw new AssertionError("publish failed: " + r);
        }
        return json.body().path("digest").asText();
    }

    /** PipelineWrites an artifact's document and index row directly (no blob, no pipeline): fast bulk fixtures. */
    void writeArtifact(String ns, String name, String version, String variant, String digest) {
        ObjectNode meta = Json.object();
        meta.put("namespace", ns).put("name", name).put("version", version).put("variant", variant)
                .put("blob_digest", digest).put("blob_size", 1).put("created_at", Instant.now().toString());
        com.goodpackagerepo.storage.WriteBatch batch = metadata().newBatch();
        batch.putDocument("artifact/" + ns + "/" + name + "/" + version + "/" + variant, Json.bytes(meta),
                com.goodpackagerepo.storage.WriteBatch.Precondition.NONE);
        batch.upsertIndex(harness.compiled().index("artifact_versions"), meta);
        batch.commit();
    }

    void tag(String ns, String name, String tag, String version, String variant) {
        PipelineResult r = harness.run("PUT", "/v1/" + ns + "/" + name + "/tags/" + tag, PipelineHarness.WRITER,
                "{\"target_version\":\"" + version + "\",\"target_variant\":\"" + variant + "\"}");
        assertTrue(r instanceof PipelineResult.JsonBody j && j.status() == 200, "tag: " + r);
    }

    ArtifactDeletion deletion() {
        return new ArtifactDeletion(metadata(), harness.compiled(), () -> { });
    }

    GcRunner collector(Clock clock) {
        return new GcRunner(harness.stores(), harness.compiled(), () -> { }, clock, run -> { });
    }

    GcRun gc(boolean dryRun, long graceSeconds) {
        Instant now = Instant.now();
        GcRun run = new GcRun(GcRunStore.newId(now), "test", "tester", dryRun, graceSeconds, now);
        return collector(Clock.systemUTC()).run(run, GcPolicy.from(RepositorySchema.read(schema)));
    }

    /** Every version of a package, newest first, one entry per variant ("1.0.0/x"). */
    List<String> versions(String ns, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : metadata().query(harness.compiled().index("artifact_versions"),
                new IndexQuery(List.of(ns, name), 1000, null, true)).rows()) {
            out.add(row.path("version").asText() + "/" + row.path("variant").asText());
        }
        return out;
    }

    boolean blobExists(String digest) {
        try {
            return blobs().stat(digest).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a blob file's modification time into the past, as if it had been stored {@code age} ago. */
    void age(String digest, Duration age) throws IOException {
        BlobRef blob = blobs().stat(digest).orElseThrow();
        Files.setLastModifiedTime(blob.path(), FileTime.from(Instant.now().minus(age)));
    }

    /** Every artifact document's blob exists and hashes to the digest the document records. */
    int assertEveryArtifactIntact() throws Exception {
        int checked = 0;
        String cursor = null;
        do {
            KeyPage page = metadata().keys("artifact/", cursor, 500);
            for (String key : page.keys()) {
                JsonNode meta = Json.parse(metadata().get(key).orElseThrow());
                String digest = meta.path("blob_digest").asText();
                BlobRef blob = blobs().stat(digest).orElseThrow(() -> new AssertionError("blob of " + key + " missing"));
                try (InputStream in = blob.open()) {
                    assertEquals(digest, sha256(in), "content of " + key);
                }
                checked++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return checked;
    }

    static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            md.update(buffer, 0, n);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {
        harness.close();
    }
}
