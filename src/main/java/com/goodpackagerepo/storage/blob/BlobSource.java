package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a stored blob's bytes are read from: a local file or an object in a bucket. Readers ask for a byte range as
 * a stream, so the data plane serves a blob without knowing which kind of store holds it.
 */
public interface BlobSource {

    /** The bytes [start, start + length) as a stream; the caller closes it. */
    InputStream open(long start, long length) throws IOException;

    /** When the blob was stored, or null when that cannot be told. */
    Instant lastModified() throws IOException;

    /** True while the blob is still stored (a sweep may have removed it since it was looked up). */
    boolean exists() throws IOException;

    /** A short-lived URL a client may fetch the bytes from directly, when the store is configured to hand one out. */
    default Optional<URI> redirect() {
        return Optional.empty();
    }

    static BlobSource file(Path path) {
        return new FileSource(path);
    }

    /** A small blob held in memory (read from, or about to be committed to, the metadata store). */
    record BytesSource(byte[] bytes, Instant storedAt) implements BlobSource {
        @Override
        public InputStream open(long start, long length) {
            int from = (int) Math.min(start, bytes.length);
            return new java.io.ByteArrayInputStream(bytes, from, (int) Math.min(length, bytes.length - from));
        }

        @Override
        public Instant lastModified() {
            return storedAt;
        }

        @Override
        public boolean exists() {
            return true;
        }
    }

    /** A blob stored as a plain file. */
    record FileSource(Path path) implements BlobSource {
        @Override
        public InputStream open(long start, long length) throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                channel.position(start);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public Instant lastModified() throws IOException {
            try {
                return Files.getLastModifiedTime(path).toInstant();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        public boolean exists() {
            return Files.isRegularFile(path);
        }
    }
}
