package com.goodpackagerepo.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A small tus 1.0 client for the integration tests: the requests a tus client sends, spelled out. */
final class Tus {
    private Tus() {
    }

    static String metadata(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append(' ')
                .append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out.toString();
    }

    static Map<String, String> target(String ns, String name, String version, String variant, String digest) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("namespace", ns);
        m.put("name", name);
        m.put("version", version);
        m.put("variant", variant);
        if (digest != null) {
            m.put("digest", digest);
        }
        return m;
    }

    static Http.Reply create(String token, long length, Map<String, String> metadata) {
        return Http.send(Http.request("/uploads", token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length)).header("Upload-Metadata", metadata(metadata))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Creates a session and returns its path (the Location), failing the test when the server refuses. */
    static String created(String token, long length, Map<String, String> metadata) {
        Http.Reply r = create(token, length, metadata);
        if (r.status() != 201) {
            throw new AssertionError("create: " + r.status() + " " + r.body());
        }
        return URI.create(Http.BASE).resolve(r.header("Location")).getPath();
    }

    static Http.Reply head(String token, String upload) {
        return Http.send(Http.request(upload, token).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    static long offset(String token, String upload) {
        Http.Reply r = head(token, upload);
        if (r.status() != 200) {
            throw new AssertionError("HEAD " + upload + ": " + r.status());
        }
        return Long.parseLong(r.header("Upload-Offset"));
    }

    static Http.Reply patch(String token, String upload, long offset, byte[] chunk) {
        return patch(token, upload, offset, chunk, null);
    }

    static Http.Reply patch(String token, String upload, long offset, byte[] chunk, String checksum) {
        HttpRequest.Builder b = patchRequest(token, upload, offset, Duration.ofSeconds(120));
        if (checksum != null) {
            b.header("Upload-Checksum", checksum);
        }
        return Http.send(b.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build());
    }

    /** A PATCH whose body is streamed from {@code body} ({@code length} bytes), for big chunks. */
    static Http.Reply patch(String token, String upload, long offset, Supplier<InputStream> body, long length) {
        return Http.send(patchRequest(token, upload, offset, Duration.ofMinutes(10)).method("PATCH",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length)).build());
    }

    static Http.Reply delete(String token, String upload) {
        return Http.send(Http.request(upload, token).header("Tus-Resumable", "1.0.0").DELETE().build());
    }

    private static HttpRequest.Builder patchRequest(String token, String upload, long offset, Duration timeout) {
        return Http.request(upload, token).timeout(timeout).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", String.valueOf(offset));
    }

    /**
     * Starts a PATCH that announces {@code declared} bytes, sends only {@code sent} of them from {@code body}, then
     * closes the connection, as a client whose network dropped. Returns the bytes handed to the socket.
     */
    static long interruptedPatch(String token, String upload, long offset, long declared, InputStream body, long sent)
            throws Exception {
        URI base = URI.create(Http.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: " + offset
                    + "\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[1 << 20];
            long done = 0;
            while (done < sent) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, sent - done));
                out.write(buffer, 0, n);
                done += n;
            }
            out.flush();
            return done;
        }
    }
}
