package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.proxy.UpstreamBody;
import com.goodpackagerepo.storage.blob.BlobRef;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Turns a pipeline result into an HTTP response. Blob bodies stream from disk with Content-Length,
 * honour HEAD, {@code If-None-Match} (304) and a single {@code Range} (206, or 416 when unsatisfiable).
 * Revalidation follows {@code caching.response_cache.revalidate}: {@code use_etag} answers
 * {@code If-None-Match}, {@code use_last_modified} sends {@code Last-Modified} (when the blob was stored)
 * and answers {@code If-Modified-Since} when no {@code If-None-Match} is given (RFC 9110 13.1.3).
 */
public final class ResponseWriter {
    /** Large copy buffers kept for reuse: enough for the concurrent large downloads of a small server. */
    private static final BlobBuffers BUFFERS = new BlobBuffers(16);

    private ResponseWriter() {
    }

    public static Response write(PipelineResult result, RequestData request) {
        return write(result, request, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /** @param revalidate {@code caching.response_cache.revalidate} ({@code use_etag}, {@code use_last_modified}) */
    public static Response write(PipelineResult result, RequestData request, JsonNode revalidate) {
        if (result instanceof PipelineResult.JsonBody json) {
            return withHeaders(Response.status(json.status())
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(json.body().toString()), json.headers()).build();
        }
        if (result instanceof PipelineResult.Page page) {
            Response.ResponseBuilder builder = Response.ok(page.body().toString(), MediaType.APPLICATION_JSON_TYPE);
            if (page.next() != null) {
                builder.header("Link", "<" + page.next() + ">; rel=\"next\"");
            }
            return builder.build();
        }
        if (result instanceof PipelineResult.Redirect redirect) {
            return withHeaders(Response.status(redirect.status())
                    .header("Location", redirect.location()), redirect.headers()).build();
        }
        if (result instanceof PipelineResult.Failure failure) {
            return ErrorResponses.response(failure.error());
        }
        if (result instanceof PipelineResult.Error error) {
            return ErrorResponses.response(error.status(), error.code(), error.message(), error.headers());
        }
        return bytes((PipelineResult.Bytes) result, request, revalidate);
    }

    private static Response bytes(PipelineResult.Bytes result, RequestData request, JsonNode revalidate) {
        Object body = result.body();
        if (body instanceof UpstreamBody upstream) {
            body = upstream.stored() != null ? upstream.stored() : upstream;
        }
        if (body instanceof BlobRef blob) {
            return blob(result, blob, request, revalidate);
        }
        Response.ResponseBuilder builder = Response.status(result.status());
        if (body instanceof UpstreamBody upstream) {
            InputStream in = upstream.stream();
            builder.entity((StreamingOutput) out -> {
                try (in) {
                    in.transferTo(out);
                }
            });
        } else {
            byte[] data = body instanceof JsonNode node && node.isTextual()
                    ? node.asText().getBytes(StandardCharsets.UTF_8)
                    : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
            builder.entity(request.method().equals("HEAD") ? null : data).header("Content-Length", data.length);
        }
        withHeaders(builder, result.headers());
        return builder.build();
    }

    private static Response blob(PipelineResult.Bytes result, BlobRef blob, RequestData request, JsonNode revalidate) {
        String etag = result.headers().getOrDefault("ETag", "\"" + blob.digest() + "\"");
        String ifNoneMatch = request.header("if-none-match");
        boolean useEtag = revalidate.path("use_etag").asBoolean(true);
        if (useEtag && ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || matchesEtag(ifNoneMatch, etag))) {
            return Response.notModified().header("ETag", etag).build();
        }
        String lastModified = revalidate.path("use_last_modified").asBoolean(true) ? lastModified(blob) : null;
        if (lastModified != null && (ifNoneMatch == null || !useEtag)
                && notModifiedSince(request.header("if-modified-since"), lastModified)) {
            return Response.notModified().header("ETag", etag).header("Last-Modified", lastModified).build();
        }
        long size = blob.size();
        ByteRange range = ByteRange.parse(request.header("range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            return ErrorResponses.response(416, "RANGE_NOT_SATISFIABLE", "Range not satisfiable",
                    Map.of("Content-Range", "bytes */" + size));
        }
        long start = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        Response.ResponseBuilder builder = Response.status(range == null ? result.status() : 206);
        withHeaders(builder, result.headers());
        builder.header("ETag", etag).header("Accept-Ranges", "bytes").header("Content-Length", length);
        if (lastModified != null) {
            builder.header("Last-Modified", lastModified);
        }
        if (range != null) {
            builder.header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
        }
        if (!request.method().equals("HEAD")) {
            builder.entity((StreamingOutput) out -> copy(blob, start, length, out));
        }
        return builder.build();
    }

    private static void copy(BlobRef blob, long start, long length, OutputStream out) throws java.io.IOException {
        try (FileChannel channel = FileChannel.open(blob.path(), StandardOpenOption.READ)) {
            copy(channel, start, length, out, BUFFERS, blob.digest());
        } catch (NoSuchFileException e) {
            throw new java.io.IOException("blob " + blob.digest() + " disappeared", e);
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
            return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.ofInstant(
                    java.nio.file.Files.getLastModifiedTime(blob.path()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    java.time.ZoneOffset.UTC));
        } catch (java.io.IOException e) {
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

    private static Response.ResponseBuilder withHeaders(Response.ResponseBuilder builder, Map<String, String> headers) {
        headers.forEach(builder::header);
        return builder;
    }
}
