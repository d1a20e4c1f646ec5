package com.goodpackagerepo.api.http;

import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.observability.RequestIds;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, as 400 INVALID_REQUEST, a request whose URI RESTEasy could not parse: it builds a {@link java.net.URI}
 * from the request line before any resource or exception mapper runs, so a malformed percent-escape
 * ({@code ?%zz}) or a character URIs do not allow ({@code {}, |, ^, "}) would surface from inside its dispatcher
 * as an unmapped exception and a 500. Mapped in web.xml after the data plane, which parses its own URLs; only what
 * goes on to JAX-RS (auth, admin, catalog, UI) is checked here.
 */
public class RequestUriCheckFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String problem = problem(request.getRequestURI(), request.getQueryString());
        if (problem == null) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        try {
            response.setStatus(400);
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType("application/json");
            byte[] body = ErrorResponses.body(ErrorCode.INVALID_REQUEST.name(), problem).toString()
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } finally {
            RequestIds.clear();
        }
    }

    /** What is wrong with the raw path and query (as sent, still percent-encoded), or null when they parse. */
    static String problem(String rawPath, String rawQuery) {
        String inPath = check(rawPath, false);
        if (inPath != null) {
            return "Malformed request URL: the path " + inPath;
        }
        String inQuery = rawQuery == null ? null : check(rawQuery, true);
        return inQuery == null ? null : "Malformed request URL: the query string " + inQuery;
    }

    /**
     * The rules of {@link java.net.URI} for a path or a query: every {@code %} starts two hex digits, and no
     * ASCII control, space or character outside the URI grammar ({@code " < > \ ^ ` { | }}, and {@code [ ]} or
     * {@code #} in a path). Non-ASCII characters are allowed, as {@code URI} allows them.
     */
    static String check(String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return "has a malformed percent-escape at index " + i;
                }
                i += 2;
            } else if (c < 0x20 || c == 0x7f || (c < 0x80 && ILLEGAL.indexOf(c) >= 0)
                    || (!query && (c == '[' || c == ']')) || (Character.isSpaceChar(c) || Character.isISOControl(c))) {
                return "has a character URLs do not allow at index " + i;
            }
        }
        return null;
    }

    private static final String ILLEGAL = " \"<>\\^`{|}#";

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
