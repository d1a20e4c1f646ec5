package com.goodpackagerepo.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The access log's own file: lines appended in batches (one {@code write} per batch, no {@code fsync}: a log line
 * is not a publish), rotated by size like Liberty's {@code messages.log} ({@code access.log} becomes
 * {@code access.log.1}, the previous {@code .1} becomes {@code .2}; older ones are deleted). Not thread-safe: the
 * access log's writer owns it.
 */
final class AccessLogFile {
    static final int KEPT = 2;

    private final Path path;
    private final long maxBytes;
    private OutputStream out;
    private long size;
    private byte[] buffer = new byte[64 * 1024];

    AccessLogFile(Path path, long maxBytes) {
        this.path = path;
        this.maxBytes = maxBytes;
    }

    Path path() {
        return path;
    }

    /** Appends the lines, each followed by a newline, with one write. */
    void write(List<String> lines) throws IOException {
        if (out == null) {
            open();
        }
        int n = 0;
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (n + bytes.length + 1 > buffer.length) {
                if (n > 0) {
                    flush(n);
                    n = 0;
                }
                if (bytes.length + 1 > buffer.length) {
                    buffer = new byte[bytes.length + 1];
                }
            }
            System.arraycopy(bytes, 0, buffer, n, bytes.length);
            n += bytes.length;
            buffer[n++] = '\n';
        }
        flush(n);
        if (size >= maxBytes) {
            rotate();
        }
    }

    void close() throws IOException {
        if (out != null) {
            OutputStream o = out;
            out = null;
            o.close();
        }
    }

    private void flush(int n) throws IOException {
        out.write(buffer, 0, n);
        size += n;
    }

    private void open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        size = Files.size(path);
    }

    private void rotate() throws IOException {
        close();
        for (int i = KEPT; i >= 1; i--) {
            Path older = rotated(i);
            Path newer = i == 1 ? path : rotated(i - 1);
            if (Files.exists(newer)) {
                Files.move(newer, older, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    Path rotated(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }
}
