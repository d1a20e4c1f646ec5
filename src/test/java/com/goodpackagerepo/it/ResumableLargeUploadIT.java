package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The case resumable uploads exist for: a 2 GiB upload whose connection drops at about 90 % resumes at the offset
 * HEAD reports, sends only the rest, and ends with the same digest check as a plain publish — on the server
 * running with -Xmx256m, like {@link LargeBlobIT}. Run once in .ci/run (not on the PostgreSQL pass): it moves
 * 6 GiB through the disk.
 */
@DisabledIfSystemProperty(named = "it.db", matches = "postgres",
        disabledReason = "upload sessions do not touch the database; run once, on the embedded-database pass")
class ResumableLargeUploadIT {
    static final long SIZE = LargeBlobIT.SIZE;

    @Test
    void aTwoGibUploadInterruptedAtNinetyPercentResumesAndPasses() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("tusbig");
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        try (LargeBlobIT.PatternStream all = new LargeBlobIT.PatternStream(SIZE, whole)) {
            all.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String digest = "sha256:" + HexFormat.of().formatHex(whole.digest());
        String upload = Tus.created(admin, SIZE, Tus.target(ns, "big", "1.0.0", "x", digest));

        long cut = SIZE / 10 * 9;
        long started = System.nanoTime();
        long sent = Tus.interruptedPatch(admin, upload, 0, SIZE,
                new LargeBlobIT.PatternStream(SIZE, MessageDigest.getInstance("SHA-256")), cut);
        long offset = ResumableUploadIT.awaitOffset(admin, upload, o -> o > SIZE / 2);
        assertTrue(offset <= sent, "the server kept at most what was sent: " + offset);
        long interrupted = System.nanoTime();

        LargeBlobIT.PatternStream rest = new LargeBlobIT.PatternStream(SIZE, MessageDigest.getInstance("SHA-256"));
        rest.skipTo(offset);
        Http.Reply done = Tus.patch(admin, upload, offset, () -> rest, SIZE - offset);
        assertEquals(204, done.status(), done.body());
        assertEquals(String.valueOf(SIZE), done.header("Upload-Offset"));
        System.out.printf("2 GiB resumable: %d bytes before the drop (%.1f s), %d after it and the publish (%.1f s)%n",
                offset, (interrupted - started) / 1e9, SIZE - offset, (System.nanoTime() - interrupted) / 1e9);

        Http.Reply session = Http.get(upload, admin);
        assertEquals(digest, session.json().path("result").path("digest").asText(), session.body());
        Http.Reply stored = Http.head(Artifacts.blobPath(ns, "big", "1.0.0", "x"), admin);
        assertEquals(200, stored.status());
        assertEquals(String.valueOf(SIZE), stored.header("Content-Length"));
    }
}
