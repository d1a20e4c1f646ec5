package com.goodpackagerepo.api;

import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.api.error.UnexpectedExceptionMapper;
import com.goodpackagerepo.auth.BearerAuthentication;
import com.goodpackagerepo.observability.RequestIds;
import com.goodpackagerepo.observability.RequestRecorder;
import com.goodpackagerepo.observability.RouteLabel;
import com.goodpackagerepo.pipeline.RequestData;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Maven repository layout's request path, {@code /maven/{repository}/…} ({@link MavenRequests}): the same
 * authentication, request id, metrics and access log as the data plane ({@link ConfiguredRouteFilter}), with one
 * difference Maven needs: a 401 challenges with {@code WWW-Authenticate: Basic}, because Maven, Gradle and sbt send
 * their credentials only after such a challenge (unless configured to send them preemptively).
 */
public class MavenRepositoryFilter implements Filter {
    static final String PREFIX = "/maven/";
    static final String CHALLENGE = "Basic realm=\"good-package-repo\", charset=\"UTF-8\"";
    private static final UnexpectedExceptionMapper UNEXPECTED = new UnexpectedExceptionMapper();

    @Inject
    BearerAuthentication bearer;
    @Inject
    MavenRequests maven;
    @Inject
    RequestRecorder recorder;
    @Inject
    RouteLabel routeLabel;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getDispatcherType() != DispatcherType.REQUEST
                || !(path.startsWith(PREFIX) || path.equalsIgnoreCase("/maven"))) {
            chain.doFilter(req, res);
            return;
        }
        long started = System.nanoTime();
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        String method = request.getMethod();
        routeLabel.set("maven");
        Response answer = challengeIfUnauthorized(answer(request, method, path));
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader(RequestIds.HEADER, requestId);
        recorder.answered(answer.getStatus(), answer.getEntity());
        long bytes = 0;
        try {
            bytes = ServletResponses.send(answer, response, "HEAD".equals(method));
        } finally {
            recorder.finished(new RequestRecorder.Finished(method, path, routeLabel.get(), answer.getStatus(), bytes,
                    started, requestId, recorder.caller()), answer.getEntity() instanceof StreamingOutput);
        }
    }

    private Response answer(HttpServletRequest request, String method, String path) {
        try {
            Response refusal = bearer.authenticate(request.getHeader("Authorization"));
            if (refusal != null) {
                return refusal;
            }
            String below = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
            int slash = below.indexOf('/');
            if (slash <= 0 || slash == below.length() - 1) {
                throw new ApiException(ErrorCode.NOT_FOUND, "Expected /maven/{repository}/{groupId as path}/"
                        + "{artifactId}/…");
            }
            String repository = decode(below.substring(0, slash));
            String rest = decodePath(below.substring(slash + 1));
            return maven.handle(repository, rest, requestData(request, method == null ? "GET" : method, path));
        } catch (ApiException e) {
            return ErrorResponses.response(e);
        } catch (IOException | RuntimeException e) {
            return UNEXPECTED.toResponse(e);
        }
    }

    /** Maven retries with credentials only after a Basic challenge. */
    private static Response challengeIfUnauthorized(Response answer) {
        if (answer.getStatus() != 401) {
            return answer;
        }
        return Response.fromResponse(answer).header("WWW-Authenticate", null).header("WWW-Authenticate", CHALLENGE)
                .build();
    }

    private static String decodePath(String raw) {
        List<String> decoded = new java.util.ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            String value = decode(segment);
            if (value.indexOf('/') >= 0) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "Encoded slash in a path segment");
            }
            decoded.add(value);
        }
        return String.join("/", decoded);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Malformed percent-encoding in the path");
        }
    }

    private static RequestData requestData(HttpServletRequest request, String method, String path) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return new RequestData(method, path, Map.of(), Map.of(), headers,
                "PUT".equals(method) ? request.getInputStream() : null, request.getContentLengthLong());
    }
}
