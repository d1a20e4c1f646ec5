package com.goodpackagerepo.upload;

import com.goodpackagerepo.upload.UploadException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The upload sessions of this server: created within the per-user {@link UploadLimits}, appended to at their
 * offset, expired and collected. A session's state lives in {@link SessionFiles} (so it survives a restart) and
 * one request at a time holds it ({@link #hold}): a second request waits briefly, then gets {@code LOCKED}.
 *
 * <p>The offset a client is told is the staged file's length, except that a session whose bytes are all there
 * but not yet published (the publish failed on the server's side, or the server stopped in between) reports one
 * byte less: resending that last byte, which any tus client does after HEAD, runs the publish again.
 */
public final class UploadSessions {
    static final int BUFFER_SIZE = 256 * 1024;
    private static final long LOCK_WAIT_MS = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionFiles files;
    private final UploadLimits limits;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A session and the lock a request holds while it works on it. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile UploadSession session;

        Entry(UploadSession session) {
            this.session = session;
        }
    }

    /** Opens the sessions stored in {@code dir} (creating it when absent). */
    public UploadSessions(Path dir, UploadLimits limits, Clock clock) throws IOException {
        this.files = new SessionFiles(dir);
        this.limits = limits;
        this.clock = clock;
        Files.createDirectories(dir);
        for (UploadSession session : files.load()) {
            entries.put(session.id(), new Entry(session));
        }
    }

    public UploadLimits limits() {
        return limits;
    }

    /**
     * A new open session for {@code owner}, refused when it would exceed the owner's session count or staged
     * bytes. The caller has already checked that the owner may publish {@code target}.
     */
    public synchronized UploadSession create(String owner, ArtifactCoordinate target, long length, String digest,
                                             String metadata) throws IOException {
        if (length < 1) {
            throw new UploadException(Reason.INVALID, "Upload-Length must be at least 1");
        }
        Instant now = clock.instant();
        List<UploadSession> open = entries.values().stream().map(e -> e.session)
                .filter(s -> s.owner().equals(owner) && s.state() == UploadSession.State.OPEN && !s.expired(now))
                .toList();
        if (open.size() >= limits.maxSessionsPerUser()) {
            throw new UploadException(Reason.TOO_MANY_SESSIONS, "You have " + open.size()
                    + " open uploads, the most allowed; finish or delete one first");
        }
        long staged = open.stream().mapToLong(UploadSession::length).sum();
        if (staged + length > limits.maxStagedBytesPerUser()) {
            throw new UploadException(Reason.QUOTA_EXCEEDED, "Your open uploads would stage " + (staged + length)
                    + " bytes; at most " + limits.maxStagedBytesPerUser() + " are allowed per user");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        UploadSession session = new UploadSession(HexFormat.of().formatHex(random), owner, target, length, digest,
                metadata, now, now.plus(limits.ttl()), UploadSession.State.OPEN, null);
        files.create(session);
        entries.put(session.id(), new Entry(session));
        return session;
    }

    /**
     * Takes the session for one request: only its owner sees it; an expired one is {@code EXPIRED}; while another
     * request holds it this waits up to a few seconds (a dropped connection's request is still ending), then
     * {@code LOCKED}. Close the returned hold to release it.
     */
    public Held hold(String id, String owner) {
        Entry entry = id == null || !SessionFiles.ID.matcher(id).matches() ? null : entries.get(id);
        if (entry == null || !entry.session.owner().equals(owner)) {
            throw new UploadException(Reason.NOT_FOUND, "No such upload");
        }
        try {
            if (!entry.lock.tryLock(LOCK_WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new UploadException(Reason.LOCKED, "Another request is working on this upload; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadException(Reason.LOCKED, "Interrupted while waiting for the upload");
        }
        if (entries.get(id) != entry) { // terminated or collected while we waited
            entry.lock.unlock();
            throw new UploadException(Reason.NOT_FOUND, "No such upload");
        }
        if (entry.session.expired(clock.instant())) {
            entry.lock.unlock();
            throw new UploadException(Reason.EXPIRED, "The upload expired at " + entry.session.expiresAt());
        }
        return new Held(entry);
    }

    /**
     * Deletes expired sessions and their bytes, skipping any a request holds right now (it extends the expiry
     * when it ends). Returns how many were collected.
     */
    public int sweep() throws IOException {
        Instant now = clock.instant();
        int collected = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (!entry.session.expired(now) || !entry.lock.tryLock()) {
                continue;
            }
            try {
                if (entry.session.expired(now)) {
                    entries.remove(e.getKey(), entry);
                    files.delete(e.getKey());
                    collected++;
                }
            } finally {
                entry.lock.unlock();
            }
        }
        return collected;
    }

    /** Open sessions and the sum of their declared lengths, for one user (what the limits count). */
    public long[] usage(String owner) {
        Instant now = clock.instant();
        long count = 0;
        long bytes = 0;
        for (Entry entry : entries.values()) {
            UploadSession s = entry.session;
            if (s.owner().equals(owner) && s.state() == UploadSession.State.OPEN && !s.expired(now)) {
                count++;
                bytes += s.length();
            }
        }
        return new long[] {count, bytes};
    }

    /** Sessions known, any state (for tests and diagnostics). */
    public int size() {
        return entries.size();
    }

    /** Where a session's bytes are staged (for tests and diagnostics). */
    public Path stagedFile(String id) {
        return files.part(id);
    }

    /** The outcome of one PATCH: the new offset, and whether every byte of the upload is now staged. */
    public record Appended(long offset, boolean complete, boolean interrupted) {
    }

    /** A session held by one request; every method runs under its lock. */
    public final class Held implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Held(Entry entry) {
            this.entry = entry;
        }

        public UploadSession session() {
            return entry.session;
        }

        /** The offset to tell the client (see the class comment for the one-byte-short case). */
        public long offset() throws IOException {
            UploadSession s = entry.session;
            if (s.state() == UploadSession.State.PUBLISHED) {
                return s.length();
            }
            return Math.min(files.partSize(s.id()), s.length() - 1);
        }

        /**
         * Appends the request body at {@code claimedOffset}, which must be the session's offset. Bytes beyond the
         * declared length are refused ({@code EXCEEDS_LENGTH}, the chunk discarded). A body that breaks off keeps
         * what arrived (tus: the client resumes after it), unless the chunk carried a checksum, which can then not
         * be checked: such a chunk is discarded whole, as is one that does not match it ({@code CHECKSUM_MISMATCH}).
         * The staged bytes are on disk ({@code fdatasync}) before this returns, and the expiry moves on.
         */
        public Appended append(long claimedOffset, InputStream body, ChunkChecksum checksum) throws IOException {
            UploadSession s = requireOpen();
            long current = offset();
            if (claimedOffset != current) {
                throw new UploadException(Reason.OFFSET_MISMATCH,
                        "Upload-Offset " + claimedOffset + " is not the upload's offset " + current);
            }
            long remaining = s.length() - current;
            long written = 0;
            IOException broken = null;
            try (FileChannel out = FileChannel.open(files.part(s.id()), StandardOpenOption.WRITE)) {
                out.truncate(current); // drops the unpublished last byte, or nothing
                out.position(current);
                byte[] buffer = new byte[BUFFER_SIZE];
                while (true) {
                    int n;
                    try { // ask for one byte more than may come, to notice a body longer than the upload
                        n = body.read(buffer, 0, (int) Math.min(buffer.length, remaining - written + 1));
                    } catch (IOException e) {
                        broken = e; // the client went away: keep what arrived (a failed write is not caught here)
                        break;
                    }
                    if (n < 0) {
                        break;
                    }
                    if (written + n > remaining) {
                        out.truncate(current);
                        throw new UploadException(Reason.EXCEEDS_LENGTH, "The body goes beyond Upload-Length "
                                + s.length() + "; the chunk was discarded");
                    }
                    if (checksum != null) {
                        checksum.update(buffer, 0, n);
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    written += n;
                }
                boolean checksumFailed = checksum != null && (broken != null || !checksum.matches());
                if (checksumFailed) {
                    out.truncate(current);
                }
                out.force(false);
                touch();
                if (checksumFailed && broken == null) {
                    throw new UploadException(Reason.CHECKSUM_MISMATCH, "The chunk does not match its "
                            + checksum.algorithm() + " Upload-Checksum; it was discarded");
                }
                long offset = checksumFailed ? current : current + written;
                return new Appended(offset, offset == s.length(), broken != null);
            }
        }

        /** The staged bytes, to publish once complete. */
        public InputStream openStaged() throws IOException {
            return Files.newInputStream(files.part(entry.session.id()));
        }

        /** The bytes are published: keep the session (and the publish's answer) until it expires, drop the bytes. */
        public void published(String result) throws IOException {
            UploadSession done = entry.session.published(result);
            files.save(done);
            entry.session = done;
            files.deletePart(done.id());
        }

        /** Ends the session and deletes its bytes (termination, or a publish the client's data can never pass). */
        public void discard() throws IOException {
            entries.remove(entry.session.id(), entry);
            files.delete(entry.session.id());
        }

        private UploadSession requireOpen() {
            if (entry.session.state() != UploadSession.State.OPEN) {
                throw new UploadException(Reason.OFFSET_MISMATCH, "The upload is complete and published");
            }
            return entry.session;
        }

        private void touch() throws IOException {
            UploadSession moved = entry.session.touched(clock.instant().plus(limits.ttl()));
            files.save(moved);
            entry.session = moved;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                entry.lock.unlock();
            }
        }
    }
}
