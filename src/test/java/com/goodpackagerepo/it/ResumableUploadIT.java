package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Resumable uploads by tus 1.0 against the real server (which the build starts with a 45 s session TTL, a 1 s
 * sweep, at most 3 open sessions and 3 GiB staged per user): chunks, a dropped connection resumed at HEAD's offset,
 * the same publish as a plain PUT, and every refusal with its code.
 */
class ResumableUploadIT {
    static final Path UPLOADS = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"),
            "usr/servers/gpr/data/uploads");

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String id(String upload) {
        return upload.substring(upload.lastIndexOf('/') + 1);
    }

    private static void assertJsonError(Http.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.errorCode(), r.body());
        assertFalse(r.json().path("error").path("request_id").asText().isEmpty(), r.body());
        assertEquals("1.0.0", r.header("Tus-Resumable"));
    }

    @Test
    void optionsAdvertisesTheProtocolWithoutAToken() {
        Http.Reply r = Http.send(Http.request("/uploads", null).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, r.status());
        assertEquals("1.0.0", r.header("Tus-Version"));
        assertEquals("1.0.0", r.header("Tus-Resumable"));
        assertEquals(List.of("creation", "expiration", "checksum", "termination"),
                Arrays.asList(r.header("Tus-Extension").split(",")));
        assertEquals("2147483648", r.header("Tus-Max-Size"));
        assertTrue(r.header("Tus-Checksum-Algorithm").contains("sha1"));
    }

    @Test
    void chunksArePublishedExactlyLikeAPlainPut() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("tus");
        byte[] content = random(3 * 1024 * 1024 + 17, 1);
        String digest = Artifacts.sha256(content);
        Http.Reply plain = Http.putBytes(Artifacts.blobPath(ns, "app", "1.0.0", "any") + "?digest=" + digest, admin, content);
        assertEquals(201, plain.status(), plain.body());

        Http.Reply created = Tus.create(admin, content.length, Tus.target(ns, "app", "2.0.0", "any", digest));
        assertEquals(201, created.status(), created.body());
        assertEquals("1.0.0", created.header("Tus-Resumable"));
        Instant expires = ZonedDateTime.parse(created.header("Upload-Expires"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(expires.isAfter(Instant.now()), "Upload-Expires is in the future: " + expires);
        String upload = URIs.path(created.header("Location"));
        assertEquals(0, Tus.offset(admin, upload));
        int[] cuts = {0, 1024 * 1024, 2 * 1024 * 1024 + 5, content.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Http.Reply r = Tus.patch(admin, upload, cuts[i], Arrays.copyOfRange(content, cuts[i], cuts[i + 1]));
            assertEquals(204, r.status(), r.body());
            assertEquals(String.valueOf(cuts[i + 1]), r.header("Upload-Offset"));
            assertEquals("1.0.0", r.header("Tus-Resumable"));
        }
        assertEquals(content.length, Tus.offset(admin, upload), "HEAD after the end: complete");
        JsonNode session = Http.get(upload, admin).json();
        assertEquals("published", session.path("state").asText());
        assertEquals(digest, session.path("result").path("digest").asText());
        assertEquals(content.length, session.path("result").path("size").asLong());

        Http.Reply fetched = Http.send(Http.request(Artifacts.blobPath(ns, "app", "2.0.0", "any"), admin).GET().build());
        assertEquals(200, fetched.status());
        JsonNode versions = Http.get("/v1/" + ns + "/app/versions", admin).json();
        assertTrue(versions.toString().contains("2.0.0"), versions.toString());
        List<JsonNode> events = Events.find(admin, "artifact.published", "namespace", ns);
        assertEquals(2, events.size(), "one artifact.published each");
        assertEquals(without(events.get(0).path("payload"), "version", "at"), without(events.get(1).path("payload"), "version", "at"));
        assertFalse(Files.exists(UPLOADS.resolve(id(upload) + ".part")), "staged bytes are gone once published");
    }

    private static JsonNode without(JsonNode node, String... fields) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
        copy.remove(Arrays.asList(fields));
        return copy;
    }

    @Test
    void aConnectionClosedMidPatchResumesAtTheOffsetHeadReports() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("tusdrop");
        byte[] content = random(8 * 1024 * 1024, 2);
        String digest = Artifacts.sha256(content);
        String upload = Tus.created(admin, content.length, Tus.target(ns, "app", "1.0.0", "any", digest));
        long sent = Tus.interruptedPatch(admin, upload, 0, content.length, new ByteArrayInputStream(content), 5 * 1024 * 1024);
        long offset = awaitOffset(admin, upload, o -> o > 0);
        assertTrue(offset <= sent, "at most what was sent: " + offset);
        Http.Reply resumed = Tus.patch(admin, upload, offset, Arrays.copyOfRange(content, (int) offset, content.length));
        assertEquals(204, resumed.status(), resumed.body());
        Http.Reply stored = Http.head(Artifacts.blobPath(ns, "app", "1.0.0", "any"), admin);
        assertEquals(200, stored.status());
        assertEquals(String.valueOf(content.length), stored.header("Content-Length"));
        assertEquals(digest, Http.get(upload, admin).json().path("result").path("digest").asText());
    }

    /** Waits until HEAD's offset satisfies {@code done} (the interrupted request may still be ending). */
    static long awaitOffset(String token, String upload, java.util.function.LongPredicate done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        long offset = -1;
        while (Instant.now().isBefore(deadline)) {
            Http.Reply head = Tus.head(token, upload);
            if (head.status() == 200) {
                offset = Long.parseLong(head.header("Upload-Offset"));
                if (done.test(offset)) {
                    return offset;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("offset stayed at " + offset);
    }

    @Test
    void aPatchAtTheWrongOffsetIs409AndChangesNothing() {
        String admin = Http.admin();
        String upload = Tus.created(admin, 10, Tus.target(Http.unique("tusoff"), "app", "1.0.0", "any", null));
        assertEquals(204, Tus.patch(admin, upload, 0, "0123".getBytes()).status());
        assertJsonError(Tus.patch(admin, upload, 2, "23".getBytes()), 409, "UPLOAD_OFFSET_MISMATCH");
        assertJsonError(Tus.patch(admin, upload, 6, "67".getBytes()), 409, "UPLOAD_OFFSET_MISMATCH");
        assertEquals(4, Tus.offset(admin, upload));
        assertJsonError(Tus.patch(admin, upload, 4, "4567890123".getBytes()), 413, "UPLOAD_EXCEEDS_LENGTH");
        assertEquals(4, Tus.offset(admin, upload));
        assertEquals(204, Tus.delete(admin, upload).status());
    }

    @Test
    void aDigestMismatchRefusesTheUploadWithThePlainPublishsCode() {
        String admin = Http.admin();
        String ns = Http.unique("tusbad");
        byte[] content = random(4096, 3);
        String wrong = Artifacts.sha256("something else");
        Http.Reply plain = Http.putBytes(Artifacts.blobPath(ns, "app", "0.9.0", "any") + "?digest=" + wrong, admin, content);
        String upload = Tus.created(admin, content.length, Tus.target(ns, "app", "1.0.0", "any", wrong));
        assertEquals(204, Tus.patch(admin, upload, 0, Arrays.copyOf(content, 100)).status());
        Http.Reply last = Tus.patch(admin, upload, 100, Arrays.copyOfRange(content, 100, content.length));
        assertJsonError(last, plain.status(), plain.errorCode());
        assertEquals("DIGEST_MISMATCH", last.errorCode());
        assertEquals(404, Tus.head(admin, upload).status(), "a refused upload is over");
        assertFalse(Files.exists(UPLOADS.resolve(id(upload) + ".part")));
        assertEquals(404, Http.head(Artifacts.blobPath(ns, "app", "1.0.0", "any"), admin).status());
    }

    @Test
    void aChunkNotMatchingItsUploadChecksumIs460AndDiscarded() throws Exception {
        String admin = Http.admin();
        String upload = Tus.created(admin, 8, Tus.target(Http.unique("tussum"), "app", "1.0.0", "any", null));
        String goodSha1 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest("0123".getBytes()));
        assertEquals(204, Tus.patch(admin, upload, 0, "0123".getBytes(), "sha1 " + goodSha1).status());
        assertJsonError(Tus.patch(admin, upload, 4, "4567".getBytes(), "sha1 " + goodSha1), 460, "CHECKSUM_MISMATCH");
        assertEquals(4, Tus.offset(admin, upload));
        assertJsonError(Tus.patch(admin, upload, 4, "4567".getBytes(), "crc32 AAAAAA=="), 400, "INVALID_REQUEST");
        assertEquals(204, Tus.delete(admin, upload).status());
    }

    @Test
    void anIdleSessionExpiresAndItsBytesAreCollected() throws Exception {
        String admin = Http.admin();
        String upload = Tus.created(admin, 100, Tus.target(Http.unique("tusexp"), "app", "1.0.0", "any", null));
        assertEquals(204, Tus.patch(admin, upload, 0, new byte[40]).status());
        Path part = UPLOADS.resolve(id(upload) + ".part");
        assertEquals(40, Files.size(part));
        Instant deadline = Instant.now().plusSeconds(150);
        while (Files.exists(part) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertFalse(Files.exists(part), "collected after the TTL");
        assertFalse(Files.exists(UPLOADS.resolve(id(upload) + ".json")));
        assertEquals(404, Tus.head(admin, upload).status());
        assertJsonError(Tus.patch(admin, upload, 40, new byte[1]), 404, "NOT_FOUND");
    }

    @Test
    void deleteTerminatesTheSessionAndItsBytes() {
        String admin = Http.admin();
        String upload = Tus.created(admin, 100, Tus.target(Http.unique("tusdel"), "app", "1.0.0", "any", null));
        assertEquals(204, Tus.patch(admin, upload, 0, new byte[10]).status());
        assertTrue(Files.exists(UPLOADS.resolve(id(upload) + ".part")));
        Http.Reply deleted = Tus.delete(admin, upload);
        assertEquals(204, deleted.status());
        assertEquals("1.0.0", deleted.header("Tus-Resumable"));
        assertFalse(Files.exists(UPLOADS.resolve(id(upload) + ".part")));
        assertEquals(404, Tus.head(admin, upload).status());
        assertJsonError(Tus.delete(admin, upload), 404, "NOT_FOUND");
    }

    @Test
    void perUserLimitsOnOpenSessionsAndStagedBytes() {
        String user = Users.token("tuslimit", "read", "write");
        String ns = Http.unique("tuslim");
        String big = Tus.created(user, 2L << 30, Tus.target(ns, "app", "1.0.0", "any", null));
        assertJsonError(Tus.create(user, (1L << 30) + 1, Tus.target(ns, "app", "2.0.0", "any", null)), 413, "UPLOAD_QUOTA_EXCEEDED");
        String second = Tus.created(user, 1L << 30, Tus.target(ns, "app", "2.0.0", "any", null));
        assertJsonError(Tus.create(user, 1, Tus.target(ns, "app", "3.0.0", "any", null)), 413, "UPLOAD_QUOTA_EXCEEDED");
        assertEquals(204, Tus.delete(user, big).status());
        String a = Tus.created(user, 1, Tus.target(ns, "app", "3.0.0", "any", null));
        String b = Tus.created(user, 1, Tus.target(ns, "app", "4.0.0", "any", null));
        assertJsonError(Tus.create(user, 1, Tus.target(ns, "app", "5.0.0", "any", null)), 429, "TOO_MANY_UPLOADS");
        Http.Reply otherUser = Tus.create(Http.admin(), 1, Tus.target(ns, "app", "5.0.0", "any", null));
        assertEquals(201, otherUser.status(), "limits are per user");
        for (String upload : List.of(second, a, b)) {
            assertEquals(204, Tus.delete(user, upload).status());
        }
        assertEquals(204, Tus.delete(Http.admin(), URIs.path(otherUser.header("Location"))).status());
    }

    @Test
    void onlyWritersMayCreateAndOnlyTheOwnerMayTouchASession() {
        String ns = Http.unique("tusperm");
        Map<String, String> target = Tus.target(ns, "app", "1.0.0", "any", null);
        assertJsonError(Tus.create(null, 10, target), 401, "UNAUTHORIZED");
        assertJsonError(Tus.create(Users.token("tusread", "read"), 10, target), 403, "FORBIDDEN");
        String writer = Users.token("tuswrite", "read", "write");
        String upload = Tus.created(writer, 10, target);
        String intruder = Users.token("tusother", "read", "write");
        assertEquals(404, Tus.head(intruder, upload).status());
        assertJsonError(Tus.patch(intruder, upload, 0, new byte[10]), 404, "NOT_FOUND");
        assertJsonError(Tus.delete(intruder, upload), 404, "NOT_FOUND");
        assertEquals(0, Tus.offset(writer, upload));
        assertEquals(204, Tus.delete(writer, upload).status());
    }

    @Test
    void malformedRequestsAreRefusedWithJsonErrors() {
        String admin = Http.admin();
        String ns = Http.unique("tusbadreq");
        Http.Reply noTus = Http.send(Http.request("/uploads", admin).header("Upload-Length", "10")
                .header("Upload-Metadata", Tus.metadata(Tus.target(ns, "app", "1.0.0", "any", null)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertJsonError(noTus, 412, "TUS_VERSION_UNSUPPORTED");
        assertEquals("1.0.0", noTus.header("Tus-Version"));
        assertJsonError(Tus.create(admin, 10, Map.of("namespace", ns, "name", "app")), 400, "INVALID_REQUEST");
        assertJsonError(Tus.create(admin, 0, Tus.target(ns, "app", "1.0.0", "any", null)), 400, "INVALID_REQUEST");
        assertJsonError(Tus.create(admin, (2L << 30) + 1, Tus.target(ns, "app", "1.0.0", "any", null)), 413, "BLOB_TOO_LARGE");
        assertJsonError(Tus.create(admin, 10, Tus.target(ns, "app", "1.0.0", "any", "sha256:nothex")), 400, "INVALID_REQUEST");
        assertEquals(400, Tus.create(admin, 10, Tus.target(ns, "a/b", "1.0.0", "any", null)).status(), "a slash in a segment");
        Http.Reply badName = Tus.create(admin, 10, Tus.target(ns, "app", "1.0.0", "x".repeat(300), null));
        assertEquals(400, badName.status(), "the publish route's validation runs at creation: " + badName.body());
        String upload = Tus.created(admin, 10, Tus.target(ns, "app", "1.0.0", "any", null));
        Http.Reply wrongType = Http.send(Http.request(upload, admin).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/octet-stream").header("Upload-Offset", "0")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build());
        assertJsonError(wrongType, 415, "UNSUPPORTED_MEDIA_TYPE");
        Http.Reply noOffset = Http.send(Http.request(upload, admin).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build());
        assertJsonError(noOffset, 400, "INVALID_REQUEST");
        assertJsonError(Tus.patch(admin, "/uploads/not-an-id", 0, new byte[1]), 404, "NOT_FOUND");
        assertEquals(204, Tus.delete(admin, upload).status());
        assertNotNull(noTus.header("X-Request-Id"));
    }

    /** The path of a Location header, absolute or not. */
    static final class URIs {
        static String path(String location) {
            return java.net.URI.create(Http.BASE).resolve(location).getPath();
        }
    }
}
