package com.goodpackagerepo.api.http;

import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs before every request of the application (and again for the container's error pages; mapped first in
 * {@code web.xml}, so before the configured routes' filter):
 * <ul>
 *   <li>security headers on every answer: {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy},
 *       frame denial ({@code X-Frame-Options} and CSP {@code frame-ancestors}), a CSP that allows no scripts
 *       (the web UI under {@code /ui/} gets one that allows its own files only, nothing inline), and HSTS when the request came over TLS;</li>
 *   <li>{@code Cache-Control: no-store} on everything under {@code /auth} and {@code /admin} (tokens, users,
 *       configuration must not sit in caches), whose bodies are also limited to
 *       {@value JsonBodies#MAX_FIXED_ENDPOINT_BODY} bytes (413 before reading when Content-Length says more);</li>
 *   <li>CORS: preflights from a configured origin are answered 204, from any other origin 403; actual
 *       requests from a configured origin get {@code Access-Control-Allow-Origin} ({@link CorsPolicy}).</li>
 * </ul>
 * Endpoints served by Liberty itself ({@code /health}, {@code /metrics}, {@code /openapi}) are not ours and
 * do not pass here.
 */
public class HttpHardeningFilter implements Filter {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** The web UI's pages: its own scripts, styles and API only; no inline script or style, no framing. */
    static final String UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Inject
    HttpSecuritySettings settings;

    private CorsPolicy cors;

    @Override
    public void init(FilterConfig config) {
        cors = settings.cors();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        securityHeaders(request, response, isUi(path));
        boolean sensitive = isSensitive(path);
        if (sensitive) {
            response.setHeader("Cache-Control", "no-store");
        }
        String origin = request.getHeader("Origin");
        boolean firstDispatch = request.getDispatcherType() == DispatcherType.REQUEST;
        if (firstDispatch && origin != null && isPreflight(request)) {
            Map<String, String> allowed = cors.preflight(origin, request.getHeader("Access-Control-Request-Method"),
                    request.getHeader("Access-Control-Request-Headers"));
            if (allowed == null) {
                error(response, 403, ErrorCode.FORBIDDEN, "Cross-origin request not allowed from " + origin);
            } else {
                allowed.forEach(response::setHeader);
                response.setStatus(204);
            }
            return;
        }
        if (origin != null) {
            cors.actual(origin).forEach(response::setHeader);
        }
        if (firstDispatch && sensitive && request.getContentLengthLong() > JsonBodies.MAX_FIXED_ENDPOINT_BODY) {
            error(response, 413, ErrorCode.PAYLOAD_TOO_LARGE,
                    "Body larger than " + JsonBodies.MAX_FIXED_ENDPOINT_BODY + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }

    private void securityHeaders(HttpServletRequest request, HttpServletResponse response, boolean ui) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", ui ? UI_CSP : CSP);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=" + settings.hstsMaxAgeSeconds());
        }
    }

    static boolean isUi(String path) {
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    static boolean isSensitive(String path) {
        return path.equals("/auth") || path.startsWith("/auth/") || path.equals("/admin") || path.startsWith("/admin/");
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    }

    private static void error(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        byte[] body = ErrorResponses.body(code.name(), message).toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
