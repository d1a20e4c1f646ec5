package com.goodpackagerepo.api.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.auth.Authentication;
import com.goodpackagerepo.auth.BearerAuthentication;
import com.goodpackagerepo.error.CredentialsRefusedException;
import com.goodpackagerepo.auth.CurrentPrincipal;
import com.goodpackagerepo.observability.RequestIds;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /health*}, {@code /metrics*} and {@code /openapi*} on the public port. Liberty serves these only on the
 * management port (server.xml, virtual hosts); this servlet checks the caller and fetches the answer from there over
 * loopback. Anonymous callers (and credentials without the {@code metrics} or {@code admin} scope) get only health's
 * status code and overall status — what a load balancer or a Kubernetes probe needs — and 401/403 with the JSON error
 * body for the rest; an invalid token is 401 everywhere, like on every other endpoint.
 */
@WebServlet(name = "OperationalEndpoints", urlPatterns = {"/health", "/health/*", "/metrics", "/metrics/*", "/openapi", "/openapi/*"})
public class OperationalEndpointsServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(OperationalEndpointsServlet.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BEARER = "Bearer ";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    ManagementSettings settings;
    @Inject
    BearerAuthentication bearer;
    @Inject
    CurrentPrincipal current;

    @Override
    public void init() {
        if (settings.metricsTokenTooShort()) {
            LOG.warning("gpr.metrics.token (GPR_METRICS_TOKEN) is shorter than " + ManagementSettings.MIN_TOKEN_LENGTH
                    + " characters and is ignored: /metrics accepts only API tokens with the metrics scope");
        }
    }

    /**
     * Only GET and HEAD: anything else is 405 with {@code Allow} and the JSON error body (HttpServlet would answer
     * methods it does not know, such as PATCH, with its own HTML 501).
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader(RequestIds.HEADER, RequestIds.accept(request.getHeader(RequestIds.HEADER)));
            try {
                write(response, ErrorResponses.response(405, ErrorCode.METHOD_NOT_ALLOWED.name(),
                        request.getServletPath() + " answers GET and HEAD only", java.util.Map.of("Allow", "GET, HEAD")));
            } finally {
                RequestIds.clear();
            }
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(RequestIds.HEADER, RequestIds.accept(request.getHeader(RequestIds.HEADER)));
        try {
            serve(request, response);
        } finally {
            RequestIds.clear();
        }
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the container's decoded, normalised path (it chose this servlet by it), never the raw URI: what is relayed
        // to the management port stays below /health, /metrics or /openapi
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.contains("..") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            write(response, ErrorResponses.response(ErrorCode.INVALID_REQUEST, "invalid path"));
            return;
        }
        boolean health = path.equals("/health") || path.startsWith("/health/");
        String authorization = request.getHeader("Authorization");
        boolean scrapeToken = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && settings.isMetricsToken(authorization.substring(BEARER.length()));
        if (!scrapeToken) {
            if (bearer.authenticate(authorization) instanceof Authentication.Refused refused) {
                write(response, ErrorResponses.response(new CredentialsRefusedException(refused.reason())));
                return;
            }
        }
        OperationalAccess access = OperationalAccess.of(current.get(), scrapeToken);
        if (access != OperationalAccess.FULL && !health) {
            write(response, current.get() == null || current.get().anonymous()
                    ? ErrorResponses.response(401, ErrorCode.UNAUTHORIZED.name(),
                            path + " needs a credential with the metrics scope",
                            java.util.Map.of("WWW-Authenticate", "Bearer realm=\"good-package-repo\""))
                    : ErrorResponses.response(ErrorCode.FORBIDDEN, path + " needs the metrics or admin scope"));
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            answer = fetch(request, path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "management endpoint " + settings.baseUrl() + " unreachable", e);
            write(response, ErrorResponses.response(ErrorCode.UNAVAILABLE, "the management endpoint is unreachable"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            write(response, ErrorResponses.response(ErrorCode.UNAVAILABLE, "interrupted"));
            return;
        }
        response.setStatus(answer.statusCode());
        if (access == OperationalAccess.STATUS_ONLY) {
            response.setContentType("application/json");
            response.getOutputStream().write(statusOnly(answer.body()));
            return;
        }
        answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
        answer.headers().firstValue("Location").ifPresent(l -> response.setHeader("Location", l));
        response.getOutputStream().write(answer.body());
    }

    private HttpResponse<byte[]> fetch(HttpServletRequest request, String path) throws IOException, InterruptedException {
        String query = request.getQueryString();
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30)).GET();
        String accept = request.getHeader("Accept");
        if (accept != null) {
            outgoing.header("Accept", accept);
        }
        return CLIENT.send(outgoing.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code {"status":"UP"|"DOWN"}} from a MicroProfile Health answer; DOWN when it cannot be read. */
    static byte[] statusOnly(byte[] healthBody) {
        String status = "DOWN";
        try {
            JsonNode parsed = MAPPER.readTree(healthBody);
            if ("UP".equals(parsed.path("status").asText())) {
                status = "UP";
            }
        } catch (IOException e) {
            // not health JSON: report DOWN rather than pass anything through
        }
        return ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void write(HttpServletResponse response, Response answer) throws IOException {
        response.setStatus(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setContentType("application/json");
        response.getOutputStream().write(String.valueOf(answer.getEntity()).getBytes(StandardCharsets.UTF_8));
    }
}
