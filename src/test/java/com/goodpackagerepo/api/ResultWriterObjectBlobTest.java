package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.BlobSource;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Blobs that are not local files (objects in a bucket) are served from their ranged streams: Content-Length, ETag,
 * HEAD, If-None-Match and a single Range as for files, and a presigned redirect when the store hands one out.
 */
class ResultWriterObjectBlobTest {
    private static final byte[] DATA = "0123456789abcdefghij".getBytes();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** An object source that records which ranges were asked for. */
    static final class ObjectSource implements BlobSource {
        final List<String> ranges = new ArrayList<>();
        final URI redirect;

        ObjectSource(URI redirect) {
            this.redirect = redirect;
        }

        @Override
        public InputStream open(long start, long length) {
            ranges.add(start + "+" + length);
            return new ByteArrayInputStream(DATA, (int) start, (int) length);
        }

        @Override
        public Instant lastModified() {
            return Instant.parse("2026-01-02T03:04:05Z");
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Optional<URI> redirect() {
            return Optional.ofNullable(redirect);
        }
    }

    /** A response that records status, headers and body. */
    static final class Recorded {
        int status = 200;
        long length = -1;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "addHeader", "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setContentLengthLong" -> length = (Long) args[0];
                            case "setContentLength" -> length = (Integer) args[0];
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> {
                            }
                        }
                        return null;
                    });
        }
    }

    private static Recorded serve(String method, Map<String, String> headers, ObjectSource source) throws Exception {
        Map<String, List<String>> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), List.of(v)));
        RequestData request = new RequestData(method, "/x", Map.of(), Map.of(), lower, InputStream.nullInputStream(), 0);
        BlobRef blob = new BlobRef(DIGEST, DATA.length, null, source);
        Recorded recorded = new Recorded();
        ResultWriter.write(new PipelineResult.Bytes(200, Map.of(), blob), request, CachingDef.Revalidate.DEFAULT,
                recorded.response());
        return recorded;
    }

    @Test
    void aGetStreamsTheWholeObject() throws Exception {
        ObjectSource source = new ObjectSource(null);
        Recorded r = serve("GET", Map.of(), source);
        assertEquals(200, r.status);
        assertEquals(DATA.length, r.length);
        assertEquals("\"" + DIGEST + "\"", r.headers.get("ETag"));
        assertEquals("Fri, 2 Jan 2026 03:04:05 GMT", r.headers.get("Last-Modified"));
        assertArrayEquals(DATA, r.body.toByteArray());
        assertEquals(List.of("0+20"), source.ranges);
    }

    @Test
    void aRangeIsPassedThroughToTheObject() throws Exception {
        ObjectSource source = new ObjectSource(null);
        Recorded r = serve("GET", Map.of("Range", "bytes=5-9"), source);
        assertEquals(206, r.status);
        assertEquals(5, r.length);
        assertEquals("bytes 5-9/20", r.headers.get("Content-Range"));
        assertEquals("56789", r.body.toString());
        assertEquals(List.of("5+5"), source.ranges, "only the range is fetched");
    }

    @Test
    void headAndIfNoneMatchReadNoBytes() throws Exception {
        ObjectSource source = new ObjectSource(null);
        Recorded head = serve("HEAD", Map.of(), source);
        assertEquals(200, head.status);
        assertEquals(DATA.length, head.length);
        assertEquals(0, head.body.size());
        Recorded notModified = serve("GET", Map.of("If-None-Match", "\"" + DIGEST + "\""), source);
        assertEquals(304, notModified.status);
        assertTrue(source.ranges.isEmpty());
    }

    @Test
    void aStoreWithPresignedUrlsRedirects() throws Exception {
        ObjectSource source = new ObjectSource(URI.create("http://127.0.0.1:1/bucket/key?X-Amz-Signature=abc"));
        Recorded r = serve("GET", Map.of(), source);
        assertEquals(307, r.status);
        assertEquals("http://127.0.0.1:1/bucket/key?X-Amz-Signature=abc", r.headers.get("Location"));
        assertEquals(0, r.body.size());
        assertTrue(source.ranges.isEmpty());
        assertNull(r.headers.get("Content-Range"));
    }
}
