package com.goodpackagerepo.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The filter on its own, over minimal request and response stand-ins. */
class HttpHardeningFilterTest {

    /** What the filter did to the response, and whether it let the request through. */
    private static final class Outcome {
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;
        boolean passedOn;
    }

    private static Outcome run(String method, String path, boolean secure, long contentLength, Map<String, String> headers,
                               String allowedOrigins) throws Exception {
        HttpSecuritySettings settings = new HttpSecuritySettings();
        settings.allowedOrigins = Optional.ofNullable(allowedOrigins);
        settings.allowedMethods = "GET,HEAD,POST,PUT,DELETE,OPTIONS";
        settings.allowedHeaders = "authorization,content-type";
        settings.corsMaxAgeSeconds = 600;
        settings.hstsMaxAgeSeconds = 31536000;
        HttpHardeningFilter filter = new HttpHardeningFilter();
        filter.settings = settings;
        filter.init(null);
        Outcome outcome = new Outcome();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "isSecure" -> secure;
                    case "getContentLengthLong" -> contentLength;
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> null;
                });
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
                outcome.body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setHeader" -> outcome.headers.put((String) args[0], (String) args[1]);
                        case "setStatus" -> outcome.status = (Integer) args[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> { }
                    }
                    return null;
                });
        FilterChain chain = (req, res) -> outcome.passedOn = true;
        filter.doFilter(request, response, chain);
        return outcome;
    }

    @Test
    void hstsOnlyOverTls() throws Exception {
        assertEquals("max-age=31536000", run("GET", "/v1/a/b/latest", true, -1, Map.of(), null).headers.get("Strict-Transport-Security"));
        assertNull(run("GET", "/v1/a/b/latest", false, -1, Map.of(), null).headers.get("Strict-Transport-Security"));
    }

    @Test
    void securityHeadersAndNoStore() throws Exception {
        Outcome auth = run("POST", "/auth/login", false, 40, Map.of(), null);
        assertTrue(auth.passedOn);
        assertEquals("nosniff", auth.headers.get("X-Content-Type-Options"));
        assertEquals("DENY", auth.headers.get("X-Frame-Options"));
        assertEquals("no-referrer", auth.headers.get("Referrer-Policy"));
        assertEquals("no-store", auth.headers.get("Cache-Control"));
        assertNull(run("GET", "/v1/a/b/latest", false, -1, Map.of(), null).headers.get("Cache-Control"));
    }

    @Test
    void oversizedAdminBodyIsRefusedBeforeItIsRead() throws Exception {
        Outcome big = run("POST", "/admin/routes", false, 1_000_000, Map.of(), null);
        assertFalse(big.passedOn);
        assertEquals(413, big.status);
        assertTrue(big.body.toString().contains("PAYLOAD_TOO_LARGE"));
        assertTrue(run("PUT", "/v1/a/b/1.0.0/x/blob", false, 1_000_000, Map.of(), null).passedOn, "blobs have their own limit");
    }

    @Test
    void preflights() throws Exception {
        Map<String, String> ui = Map.of("Origin", "http://localhost:3000", "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "authorization");
        Outcome closed = run("OPTIONS", "/auth/login", false, -1, ui, null);
        assertEquals(403, closed.status);
        assertFalse(closed.passedOn);
        Outcome open = run("OPTIONS", "/auth/login", false, -1, ui, "http://localhost:3000");
        assertEquals(204, open.status);
        assertEquals("http://localhost:3000", open.headers.get("Access-Control-Allow-Origin"));
        assertFalse(open.passedOn);
        Outcome actual = run("GET", "/auth/me", false, -1, Map.of("Origin", "http://localhost:3000"), "http://localhost:3000");
        assertTrue(actual.passedOn);
        assertEquals("http://localhost:3000", actual.headers.get("Access-Control-Allow-Origin"));
    }
}
