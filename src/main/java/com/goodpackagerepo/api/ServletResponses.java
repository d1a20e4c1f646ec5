package com.goodpackagerepo.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes an answer built as a JAX-RS {@link Response} (the one shape {@link ResponseWriter}, the built-in routes
 * and the error bodies produce) straight to the servlet response: status, headers, and a body that is a document
 * ({@code String}, {@code byte[]}) or a stream ({@link StreamingOutput}, written to the container's output stream
 * with no layer in between). A HEAD answer gets the headers, including the length, and no body.
 */
final class ServletResponses {
    private ServletResponses() {
    }

    /** Sends {@code answer}; returns the body length declared (or written), 0 when none. */
    static long send(Response answer, HttpServletResponse out, boolean head) throws IOException {
        out.setStatus(answer.getStatus());
        long length = -1;
        for (Map.Entry<String, List<Object>> header : answer.getHeaders().entrySet()) {
            String name = header.getKey();
            for (Object value : header.getValue()) {
                String text = String.valueOf(value);
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(text);
                    out.setContentLengthLong(length);
                } else if (name.equalsIgnoreCase("Content-Type")) {
                    out.setContentType(text);
                } else {
                    out.addHeader(name, text);
                }
            }
        }
        Object entity = answer.getEntity();
        if (entity instanceof String text) {
            entity = text.getBytes(StandardCharsets.UTF_8);
        }
        if (entity instanceof byte[] bytes) {
            out.setContentLength(bytes.length);
            if (!head) {
                out.getOutputStream().write(bytes);
            }
            return bytes.length;
        }
        if (entity instanceof StreamingOutput stream) {
            if (!head) {
                stream.write(out.getOutputStream());
            }
            return Math.max(length, 0);
        }
        if (entity != null) {
            throw new IllegalStateException("cannot send a body of type " + entity.getClass().getName());
        }
        return Math.max(length, 0);
    }
}
