package com.goodpackagerepo.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.upload.UploadException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSessionsTest {
    static final ArtifactCoordinate TARGET = new ArtifactCoordinate("ns", "app", "1.0.0", "any");
    static final UploadLimits LIMITS = new UploadLimits(Duration.ofMinutes(10), 2, 100);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();

    UploadSessions open() throws IOException {
        return new UploadSessions(dir, LIMITS, clock);
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes());
    }

    @Test
    void chunksAppendAtTheirOffsetAndTheLastOneCompletesTheUpload() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            assertEquals(0, held.offset());
            assertEquals(new UploadSessions.Appended(4, false, false), held.append(0, bytes("0123"), null));
            assertEquals(new UploadSessions.Appended(10, true, false), held.append(4, bytes("456789"), null));
            try (InputStream staged = held.openStaged()) {
                assertEquals("0123456789", new String(staged.readAllBytes()));
            }
        }
    }

    @Test
    void aWrongOffsetIsRefusedAndWritesNothing() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            held.append(0, bytes("012"), null);
            UploadException e = assertThrows(UploadException.class, () -> held.append(2, bytes("xx"), null));
            assertEquals(Reason.OFFSET_MISMATCH, e.reason());
            assertEquals(3, held.offset());
        }
    }

    @Test
    void bytesBeyondTheDeclaredLengthDiscardTheChunk() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 5, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            held.append(0, bytes("01"), null);
            UploadException e = assertThrows(UploadException.class, () -> held.append(2, bytes("23456"), null));
            assertEquals(Reason.EXCEEDS_LENGTH, e.reason());
            assertEquals(2, held.offset());
        }
    }

    @Test
    void aBrokenBodyKeepsWhatArrived() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            UploadSessions.Appended appended = held.append(0, breaksAfter("abcd"), null);
            assertEquals(new UploadSessions.Appended(4, false, true), appended);
            assertEquals(4, held.offset());
        }
    }

    @Test
    void aChunkChecksumMismatchOrABrokenChecksummedChunkIsDiscarded() throws Exception {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            held.append(0, bytes("ab"), ChunkChecksum.parse("sha1 " + sha1("ab")));
            UploadException e = assertThrows(UploadException.class,
                    () -> held.append(2, bytes("cd"), ChunkChecksum.parse("sha1 " + sha1("xx"))));
            assertEquals(Reason.CHECKSUM_MISMATCH, e.reason());
            assertEquals(2, held.offset());
            assertEquals(new UploadSessions.Appended(2, false, true),
                    held.append(2, breaksAfter("cd"), ChunkChecksum.parse("sha1 " + sha1("cdef"))));
            assertEquals(2, Files.size(sessions.stagedFile(s.id())));
        }
    }

    @Test
    void anUnpublishedCompleteUploadReportsOneByteShortAndTheResentByteCompletesItAgain() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 4, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            assertTrue(held.append(0, bytes("abcd"), null).complete());
            assertEquals(3, held.offset(), "not published: the client must send the last byte again");
        }
        UploadSessions reopened = open(); // e.g. the server stopped before the publish
        try (UploadSessions.Held held = reopened.hold(s.id(), "alice")) {
            assertEquals(3, held.offset());
            assertEquals(new UploadSessions.Appended(4, true, false), held.append(3, bytes("d"), null));
            held.published("{\"ok\":true}");
            assertEquals(4, held.offset());
            assertFalse(Files.exists(reopened.stagedFile(s.id())), "published bytes are not kept twice");
            assertEquals(Reason.OFFSET_MISMATCH, assertThrows(UploadException.class,
                    () -> held.append(4, bytes(""), null)).reason());
        }
    }

    @Test
    void sessionsSurviveARestart() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, "sha256:" + "a".repeat(64), "name YXBw");
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            held.append(0, bytes("0123"), null);
        }
        Files.writeString(dir.resolve("0123456789abcdef0123456789abcdef.part"), "orphan");
        Files.writeString(dir.resolve(s.id() + ".json.tmp"), "half-written");
        UploadSessions reopened = open();
        assertEquals(1, reopened.size());
        assertFalse(Files.exists(dir.resolve("0123456789abcdef0123456789abcdef.part")), "orphan bytes removed");
        assertFalse(Files.exists(dir.resolve(s.id() + ".json.tmp")));
        try (UploadSessions.Held held = reopened.hold(s.id(), "alice")) {
            assertEquals(4, held.offset());
            assertEquals(s.target(), held.session().target());
            assertEquals(s.digest(), held.session().digest());
            assertEquals("name YXBw", held.session().metadata());
            assertNull(held.session().result());
        }
    }

    @Test
    void onlyTheOwnerSeesASession() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        assertEquals(Reason.NOT_FOUND, assertThrows(UploadException.class, () -> sessions.hold(s.id(), "bob")).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(UploadException.class, () -> sessions.hold("../etc", "alice")).reason());
    }

    @Test
    void limitsCountOpenSessionsAndTheirDeclaredBytesPerUser() throws IOException {
        UploadSessions sessions = open();
        UploadSession first = sessions.create("alice", TARGET, 60, null, null);
        assertEquals(Reason.QUOTA_EXCEEDED, assertThrows(UploadException.class,
                () -> sessions.create("alice", TARGET, 41, null, null)).reason());
        sessions.create("alice", TARGET, 40, null, null);
        assertEquals(Reason.TOO_MANY_SESSIONS, assertThrows(UploadException.class,
                () -> sessions.create("alice", TARGET, 1, null, null)).reason());
        sessions.create("bob", TARGET, 100, null, null); // bob has limits of his own
        assertArrayEquals(new long[] {2, 100}, sessions.usage("alice"));
        try (UploadSessions.Held held = sessions.hold(first.id(), "alice")) {
            held.discard();
        }
        sessions.create("alice", TARGET, 1, null, null);
    }

    @Test
    void expiredSessionsAreRefusedThenCollectedUnlessARequestHoldsThem() throws Exception {
        UploadSessions sessions = open();
        UploadSession idle = sessions.create("alice", TARGET, 10, null, null);
        UploadSession busy = sessions.create("bob", TARGET, 10, null, null);
        try (UploadSessions.Held held = sessions.hold(idle.id(), "alice")) {
            held.append(0, bytes("01"), null);
        }
        clock.advance(Duration.ofMinutes(5));
        try (UploadSessions.Held held = sessions.hold(idle.id(), "alice")) {
            held.append(2, bytes("2"), null); // activity moves the expiry on
        }
        clock.advance(Duration.ofMinutes(9));
        try (UploadSessions.Held held = sessions.hold(idle.id(), "alice")) {
            assertEquals(3, held.offset(), "still alive 14 minutes after creation, 9 after its last PATCH");
        }
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Reason.EXPIRED, assertThrows(UploadException.class, () -> sessions.hold(idle.id(), "alice")).reason());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Instant before = clock.instant();
        clock.set(Instant.EPOCH.plusSeconds(1)); // let bob's request take its expired session
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            try (UploadSessions.Held held = sessions.hold(busy.id(), "bob")) {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        clock.set(before);
        assertEquals(1, sessions.sweep(), "the idle session goes, the held one stays");
        assertFalse(Files.exists(sessions.stagedFile(idle.id())));
        release.countDown();
        request.get(10, TimeUnit.SECONDS);
        assertEquals(1, sessions.sweep());
        assertEquals(0, sessions.size());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no bytes left behind");
        }
    }

    @Test
    void aSecondRequestWaitsForTheFirstThenGetsLocked() throws Exception {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        try (UploadSessions.Held first = sessions.hold(s.id(), "alice")) {
            UploadException e = CompletableFuture.supplyAsync(() -> assertThrows(UploadException.class,
                    () -> sessions.hold(s.id(), "alice"))).get(30, TimeUnit.SECONDS);
            assertEquals(Reason.LOCKED, e.reason());
        }
    }

    @Test
    void terminationDeletesTheBytes() throws IOException {
        UploadSessions sessions = open();
        UploadSession s = sessions.create("alice", TARGET, 10, null, null);
        try (UploadSessions.Held held = sessions.hold(s.id(), "alice")) {
            held.append(0, bytes("01"), null);
            held.discard();
        }
        assertEquals(Reason.NOT_FOUND, assertThrows(UploadException.class, () -> sessions.hold(s.id(), "alice")).reason());
        assertEquals(0, open().size());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aZeroLengthUploadIsRefused() throws IOException {
        assertEquals(Reason.INVALID, assertThrows(UploadException.class,
                () -> open().create("alice", TARGET, 0, null, null)).reason());
    }

    private static String sha1(String s) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(s.getBytes()));
    }

    /** Gives {@code s}, then fails like a connection that was closed mid-body. */
    private static InputStream breaksAfter(String s) {
        byte[] data = s.getBytes();
        return new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= data.length) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

}
