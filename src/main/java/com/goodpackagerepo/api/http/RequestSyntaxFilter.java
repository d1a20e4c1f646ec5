package com.goodpackagerepo.api.http;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.ErrorCode;
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
 * Refuses, as 400 INVALID_REQUEST, a request RESTEasy could not parse, before it tries: it builds a
 * {@link java.net.URI} from the request line and parses the {@code Accept} header's weights while it matches a
 * resource, before any exception mapper of ours can help, so a malformed percent-escape ({@code ?%zz}), a
 * character URIs do not allow ({@code {}, |, ^, "}) or {@code Accept: application/json;q=x} would surface from
 * inside its dispatcher as a 500. {@code TRACE} (which the web container's file serving refuses with an HTML 403)
 * is 405 here. Mapped in web.xml after the data plane, which parses its own requests; only what goes on to
 * JAX-RS (auth, admin, catalog) and the static UI is checked here.
 */
public class RequestSyntaxFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if ("TRACE".equals(request.getMethod())) {
            refuse(request, response, ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        }
        String problem = problem(request.getRequestURI(), request.getQueryString());
        if (problem == null) {
            problem = acceptProblem(request.getHeaders("Accept"));
        }
        if (problem == null) {
            chain.doFilter(req, res);
            return;
        }
        refuse(request, response, ErrorCode.INVALID_REQUEST, problem);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        try {
            response.setStatus(ErrorStatus.of(code));
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType("application/json");
            byte[] body = ErrorResponses.body(code.name(), message).toString()
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } finally {
            RequestIds.clear();
        }
    }

    /** What is wrong with the {@code q} weights of the {@code Accept} headers, or null: each must be a number. */
    static String acceptProblem(java.util.Enumeration<String> accepts) {
        while (accepts != null && accepts.hasMoreElements()) {
            for (String range : accepts.nextElement().split(",")) {
                String[] parts = range.split(";");
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim();
                    int eq = param.indexOf('=');
                    if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("q") && !isWeight(param.substring(eq + 1).trim())) {
                        return "Malformed Accept header: q must be a number from 0 to 1";
                    }
                }
            }
        }
        return null;
    }

    private static boolean isWeight(String value) {
        try {
            float q = Float.parseFloat(value);
            return q >= 0 && q <= 1;
        } catch (NumberFormatException e) {
            return false;
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
