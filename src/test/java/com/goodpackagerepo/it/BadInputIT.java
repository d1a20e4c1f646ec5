package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile or broken requests get a clear JSON error and leave stored data untouched. */
class BadInputIT {
    private final String admin = Http.admin();

    @Test
    void invalidNamesAreRejected() {
        for (String path : new String[] {
                "/v1/-bad/app/1.0.0/x/blob", "/v1/ns/app/1.0.0/x!y/blob", "/v1/ns/app/%20/x/blob",
                "/v1/ns/" + "a".repeat(200) + "/1.0.0/x/blob"}) {
            Http.Reply r = Http.putBytes(path, admin, new byte[] {1});
            assertEquals(400, r.status(), path + " " + r.body());
            assertTrue(r.errorCode().equals("VALIDATION_ERROR") || r.errorCode().equals("INVALID_REQUEST"), r.body());
        }
    }

    @Test
    void traversalAndEncodedSlashesNeverReachAStore() {
        for (String path : new String[] {
                "/v1/ns/app/%2e%2e/x/blob", "/v1/ns/app/..%2F..%2Fetc/x/blob", "/v1/ns/%2e%2e%2f%2e%2e/1.0.0/x/blob",
                "/v1/ns/app/1.0.0/a%2Fb/blob", "/v1/ns/app/1.0.0/a%5Cb/blob"}) {
            Http.Reply r = sendRaw("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");
            assertTrue(r.status() == 400 || r.status() == 404, path + " -> " + r.status() + " " + r.body());
            assertTrue(r.body().startsWith("{\"error\""), path + " -> " + r.body());
        }
    }

    @Test
    void nulInThePathIsRefused() {
        // Liberty's HTTP layer refuses a %00 before any application code runs (docs/decisions.md): 400, nothing stored
        Http.Reply r = sendRaw("PUT /v1/ns/app/1.0.0/a%00b/blob HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + admin + "\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");
        assertEquals(400, r.status());
        assertEquals(200, Http.get("/v1/ns/app/versions", admin).status());
        assertEquals(0, Http.get("/v1/ns/app/versions", admin).json().path("versions").size());
    }

    @Test
    void oversizeBodyIs413WithoutReadingIt() {
        Http.Reply r = sendRaw("PUT /v1/ns/big/1.0.0/x/blob HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Length: 3000000000\r\nConnection: close\r\n\r\nonly-a-few-bytes");
        assertEquals(413, r.status(), r.body());
        assertTrue(r.body().contains("BLOB_TOO_LARGE"), r.body());
        assertEquals(404, Http.get("/v1/ns/big/1.0.0/x/blob", admin).status());
    }

    @Test
    void writesNeedAToken() {
        String ns = Http.unique("anon");
        Http.Reply r = Artifacts.publish(null, ns, "app", "1.0.0", "x", "data");
        assertEquals(401, r.status());
        assertEquals("UNAUTHORIZED", r.errorCode());
        assertEquals(401, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), null).status(),
                "anonymous reads are off by default");
        assertEquals(404, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), admin).status());
    }

    @Test
    void malformedTagBodiesChangeNothing() {
        String ns = Http.unique("badtag");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "v1").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/t", admin,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        for (String body : new String[] {"{", "null", "\"text\"", "{\"target_version\":1,\"target_variant\":\"x\"}",
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"} trailing"}) {
            Http.Reply r = Http.putJson("/v1/" + ns + "/app/tags/t", admin, body);
            assertEquals(400, r.status(), body + " -> " + r.body());
        }
        assertEquals("1.0.0", Http.get("/v1/" + ns + "/app/tags/t", admin).json().path("target_version").asText());
    }

    /** Sends a raw HTTP/1.1 request so the test controls the exact bytes; reads the status, headers and body. */
    static Http.Reply sendRaw(String request) {
        URI base = URI.create(Http.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            StringBuilder body = new StringBuilder();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                    line(in);
                }
            } else if (length >= 0) {
                body.append(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
            }
            return new Http.Reply(status, java.util.Map.of(), body.toString().trim());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String line(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
