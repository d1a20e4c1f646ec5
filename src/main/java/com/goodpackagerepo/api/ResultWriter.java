package com.goodpackagerepo.api;

import com.goodpackagerepo.schema.CachingDef;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.proxy.UpstreamBody;
import com.goodpackagerepo.storage.blob.BlobRef;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * PipelineWrites a pipeline result straight to the servlet response (the data plane has no JAX-RS in between): status,
 * headers and body. Blob bodies stream from disk with Content-Length, honour HEAD, {@code If-None-Match} (304)
 * and a single {@code Range} (206, or 416 when unsatisfiable). Revalidation follows
 * {@code caching.response_cache.revalidate}: {@code use_etag} answers {@code If-None-Match},
 * {@code use_last_modified} sends {@code Last-Modified} (when the blob was stored) and answers
 * {@code If-Modified-Since} when no {@code If-None-Match} is given (RFC 9110 13.1.3). A HEAD answer gets the
 * headers, including the length, and no body.
 */
public final class ResultWriter {
    /** Large copy buffers kept for reuse: enough for the concurrent large downloads of a small server. */
    private static final BlobBuffers BUFFERS = new BlobBuffers(16);
    private static final String JSON = "application/json";

    /**
     * What was sent, for metrics and the access log.
     *
     * @param bytes     the body length declared (or written), 0 when none
     * @param streamed  the body was a stream (a blob or an upstream body) rather than a document
     * @param errorBody the JSON body of an error status, or null
     */
    public record Sent(int status, long bytes, boolean streamed, String errorBody) {
    }

    private ResultWriter() {
    }

    /** @param revalidate {@code caching.response_cache.revalidate} ({@code use_etag}, {@code use_last_modified}) */
    public static Sent write(PipelineResult result, RequestData request, CachingDef.Revalidate revalidate,
                             HttpServletResponse out)
            throws IOException {
        boolean head = "HEAD".equals(request.method());
        if (result instanceof PipelineResult.JsonBody json) {
            out.setStatus(json.status());
            out.setContentType(JSON);
            headers(out, json.headers());
            return document(out, json.status(), json.body().toString(), head);
        }
        if (result instanceof PipelineResult.Page page) {
            out.setStatus(200);
            out.setContentType(JSON);
            if (page.next() != null) {
                out.addHeader("Link", "<" + page.next() + ">; rel=\"next\"");
            }
            return document(out, 200, page.body().toString(), head);
        }
        if (result instanceof PipelineResult.Redirect redirect) {
            out.setStatus(redirect.status());
            out.addHeader("Location", redirect.location());
            headers(out, redirect.headers());
            return new Sent(redirect.status(), 0, false, null);
        }
        if (result instanceof PipelineResult.Failure failure) {
            return error(out, failure.error(), head);
        }
        if (result instanceof PipelineResult.Error error) {
            return error(out, error.status(), error.code(), error.message(), error.headers(), head);
        }
        return bytes((PipelineResult.Bytes) result, request, revalidate, out, head);
    }

    /** The status a result is answered with. */
    public static int status(PipelineResult result) {
        if (result instanceof PipelineResult.JsonBody json) {
            return json.status();
        }
        if (result instanceof PipelineResult.Bytes bytes) {
            return bytes.status();
        }
        if (result instanceof PipelineResult.Redirect redirect) {
            return redirect.status();
        }
        if (result instanceof PipelineResult.Error error) {
            return error.status();
        }
        if (result instanceof PipelineResult.Failure failure) {
            return ErrorStatus.of(failure.error().code());
        }
        return 200;
    }

    /** A domain error: its registered status, the headers its kind implies and the JSON error body. */
    public static Sent error(HttpServletResponse out, DomainException e, boolean head) throws IOException {
        return error(out, ErrorStatus.of(e.code()), e.code().name(), e.getMessage(), ErrorResponses.headers(e), head);
    }

    private static Sent error(HttpServletResponse out, int status, String code, String message,
                              Map<String, String> headers, boolean head) throws IOException {
        out.setStatus(status);
        out.setContentType(JSON);
        headers(out, headers);
        return document(out, status, ErrorResponses.body(code, message).toString(), head);
    }

    /** A JSON document; one with an error status is reported as the error body (its code is counted). */
    private static Sent document(HttpServletResponse out, int status, String text, boolean head) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.setContentLength(bytes.length);
        if (!head) {
            out.getOutputStream().write(bytes);
        }
        return new Sent(status, bytes.length, false, status >= 400 ? text : null);
    }

    private static Sent bytes(PipelineResult.Bytes result, RequestData request, CachingDef.Revalidate revalidate,
                              HttpServletResponse out, boolean head) throws IOException {
        Object body = result.body();
        if (body instanceof UpstreamBody upstream) {
            body = upstream.stored() != null ? upstream.stored() : upstream;
        }
        if (body instanceof BlobRef blob) {
            return blob(result, blob, request, revalidate, out, head);
        }
        out.setStatus(result.status());
        if (body instanceof UpstreamBody upstream) {
            headers(out, result.headers());
            try (InputStream in = upstream.stream()) {
                if (!head) {
                    in.transferTo(out.getOutputStream());
                }
            }
            return new Sent(result.status(), 0, true, null);
        }
        byte[] data = body instanceof byte[] raw ? raw : body instanceof JsonNode node && node.isTextual()
                ? node.asText().getBytes(StandardCharsets.UTF_8)
                : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        headers(out, result.headers());
        out.setContentLength(data.length);
        if (!head) {
            out.getOutputStream().write(data);
        }
        return new Sent(result.status(), data.length, false, null);
    }

    private static Sent blob(PipelineResult.Bytes result, BlobRef blob, RequestData request, CachingDef.Revalidate revalidate,
                             HttpServletResponse out, boolean head) throws IOException {
        String etag = result.headers().getOrDefault("ETag", "\"" + blob.digest() + "\"");
        String ifNoneMatch = request.header("if-none-match");
        boolean useEtag = revalidate.useEtag();
        if (useEtag && ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || matchesEtag(ifNoneMatch, etag))) {
            out.setStatus(304);
            out.addHeader("ETag", etag);
            return new Sent(304, 0, false, null);
        }
        String lastModified = revalidate.useLastModified() ? lastModified(blob) : null;
        if (lastModified != null && (ifNoneMatch == null || !useEtag)
                && notModifiedSince(request.header("if-modified-since"), lastModified)) {
            out.setStatus(304);
            out.addHeader("ETag", etag);
            out.addHeader("Last-Modified", lastModified);
            return new Sent(304, 0, false, null);
        }
        java.util.Optional<java.net.URI> redirect = blob.source().redirect();
        if (redirect.isPresent()) { // a store configured to hand out short-lived signed URLs: bytes bypass us
            out.setStatus(307);
            out.addHeader("Location", redirect.get().toString());
            out.addHeader("ETag", etag);
            out.addHeader("Cache-Control", "private, no-store");
            return new Sent(307, 0, false, null);
        }
        long size = blob.size();
        ByteRange range = ByteRange.parse(request.header("range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            return error(out, 416, "RANGE_NOT_SATISFIABLE", "Range not satisfiable", Map.of("Content-Range", "bytes */" + size),
                    head);
        }
        long start = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        int status = range == null ? result.status() : 206;
        out.setStatus(status);
        headers(out, result.headers());
        out.addHeader("ETag", etag);
        out.addHeader("Accept-Ranges", "bytes");
        out.setContentLengthLong(length);
        if (lastModified != null) {
            out.addHeader("Last-Modified", lastModified);
        }
        if (range != null) {
            out.addHeader("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
        }
        if (!head) {
            copy(blob, start, length, out.getOutputStream());
        }
        return new Sent(status, length, !head, null);
    }

    /** Pipeline-declared headers; a Content-Type among them replaces the default one. */
    private static void headers(HttpServletResponse out, Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                out.setContentType(value);
            } else if (name.equalsIgnoreCase("Content-Length")) {
                out.setContentLengthLong(Long.parseLong(value));
            } else {
                out.addHeader(name, value);
            }
        });
    }

    private static void copy(BlobRef blob, long start, long length, OutputStream out) throws java.io.IOException {
        if (blob.source() instanceof com.goodpackagerepo.storage.blob.BlobSource.BytesSource inline) {
            out.write(inline.bytes(), (int) start, (int) length); // a small blob read from LMDB: already in memory
            return;
        }
        if (blob.path() == null) {
            copy(blob, blob.open(start, length), length, out);
            return;
        }
        try (FileChannel channel = FileChannel.open(blob.path(), StandardOpenOption.READ)) {
            copy(channel, start, length, out, BUFFERS, blob.digest());
        } catch (NoSuchFileException e) {
            throw new java.io.IOException("blob " + blob.digest() + " disappeared", e);
        }
    }

    /** A blob that is not a local file (an object in a bucket): its ranged stream, through a pooled buffer. */
    private static void copy(BlobRef blob, InputStream stream, long length, OutputStream out) throws java.io.IOException {
        byte[] buffer = BUFFERS.acquire(length);
        try (InputStream in = stream) {
            long remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new java.io.EOFException("blob " + blob.digest() + " is shorter than recorded");
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        } finally {
            BUFFERS.release(buffer);
        }
    }

    /** Copies {@code length} bytes from {@code start} with a buffer sized to the body (pooled when large). */
    static void copy(FileChannel channel, long start, long length, OutputStream out, BlobBuffers buffers,
                     String digest) throws java.io.IOException {
        byte[] buffer = buffers.acquire(length);
        try {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long position = start;
            long remaining = length;
            while (remaining > 0) {
                wrapped.clear().limit((int) Math.min(buffer.length, remaining));
                int n = channel.read(wrapped, position);
                if (n < 0) {
                    throw new java.io.EOFException("blob " + digest + " is shorter than recorded");
                }
                out.write(buffer, 0, n);
                position += n;
                remaining -= n;
            }
        } finally {
            buffers.release(buffer);
        }
    }

    /** When the blob was stored, as an HTTP date; null if the file cannot be read. */
    private static String lastModified(BlobRef blob) {
        try {
            java.time.Instant modified = blob.lastModified();
            return modified == null ? null : HttpDate.of(modified);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean notModifiedSince(String ifModifiedSince, String lastModified) {
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            var since = java.time.ZonedDateTime.parse(ifModifiedSince.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            var modified = java.time.ZonedDateTime.parse(lastModified, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            return !modified.isAfter(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean matchesEtag(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

}
