package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 2 GiB upload and download through the server, which runs with -Xmx256m (src/main/liberty/config/jvm.options):
 * only possible if neither direction buffers the blob. The body is generated on the fly, never held whole here either.
 * Tagged {@code once}: it measures the streaming paths, not the database, so .ci/run runs it in one variant.
 */
@Tag("once")
class LargeBlobIT {
    static final long SIZE = 2L * 1024 * 1024 * 1024;

    @Test
    void twoGibRoundTripUnderASmallHeap() throws Exception {
        String admin = Http.admin();
        String ns = Http.unique("large");
        String path = Artifacts.blobPath(ns, "big", "1.0.0", "x");
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest put = Http.request(path, admin).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE, sent)), SIZE))
                .build();
        Http.Reply published = Http.send(put);
        assertEquals(201, published.status(), published.body());
        String expected = "sha256:" + HexFormat.of().formatHex(sent.digest());
        assertEquals(expected, published.json().path("digest").asText());
        assertEquals(SIZE, published.json().path("size").asLong());

        HttpResponse<InputStream> got = Http.CLIENT.send(Http.request(path, admin).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, got.statusCode());
        assertEquals(String.valueOf(SIZE), got.headers().firstValue("Content-Length").orElse(""));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = got.body()) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.update(buffer, 0, n);
                total += n;
            }
        }
        assertEquals(SIZE, total);
        assertEquals(expected, "sha256:" + HexFormat.of().formatHex(received.digest()));
    }

    /** Deterministic bytes generated as they are read, digested on the way out. */
    static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;

        PatternStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        /** Starts the stream at {@code offset} (for a resumed upload); those bytes are not digested. */
        void skipTo(long offset) {
            position = offset;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                b[off + i] = (byte) ((p * 31) ^ (p >>> 13));
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }
    }
}
