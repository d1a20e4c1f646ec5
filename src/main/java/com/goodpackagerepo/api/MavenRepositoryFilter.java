package com.goodpackagerepo.api;

import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.api.error.UnexpectedExceptionMapper;
import com.goodpackagerepo.auth.Authentication;
import com.goodpackagerepo.auth.BearerAuthentication;
import com.goodpackagerepo.error.CredentialsRefusedException;
import com.goodpackagerepo.pipeline.PipelineResult;
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
import jakarta.servlet.http.HttpServletResponseWrapper;
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
        RouteDispatcher.Answer answer = answer(request, method, path);
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader(RequestIds.HEADER, requestId);
        if (ResultWriter.status(answer.result()) == 401) {
            response = basicChallenge(response);
        }
        ResultWriter.Sent sent = null;
        try {
            sent = ResultWriter.write(answer.result(), answer.request(), answer.revalidate(), response);
            recorder.answered(sent.status(), sent.errorBody());
        } finally {
            recorder.finished(new RequestRecorder.Finished(method, path, routeLabel.get(),
                    sent == null ? response.getStatus() : sent.status(), sent == null ? 0 : sent.bytes(), started,
                    requestId, recorder.caller()), sent != null && sent.streamed());
        }
    }

    private RouteDispatcher.Answer answer(HttpServletRequest request, String method, String path) {
        try {
            if (bearer.authenticate(request.getHeader("Authorization")) instanceof Authentication.Refused refused) {
                return failed(new CredentialsRefusedException(refused.reason()), method, path);
            }
            String below = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
            int slash = below.indexOf('/');
            if (slash <= 0 || slash == below.length() - 1) {
                throw new DomainException(ErrorCode.NOT_FOUND, "Expected /maven/{repository}/{groupId as path}/"
                        + "{artifactId}/…");
            }
            String repository = decode(below.substring(0, slash));
            String rest = decodePath(below.substring(slash + 1));
            return maven.handle(repository, rest, requestData(request, method == null ? "GET" : method, path));
        } catch (DomainException e) {
            return failed(e, method, path);
        } catch (IOException | RuntimeException e) {
            return failed(UnexpectedExceptionMapper.classify(e), method, path);
        }
    }

    private static RouteDispatcher.Answer failed(DomainException error, String method, String path) {
        return new RouteDispatcher.Answer(new PipelineResult.Failure(error),
                new RequestData(method, path, Map.of(), Map.of(), Map.of(), null, -1), CachingDef.Revalidate.DEFAULT);
    }

    /** Maven retries with credentials only after a Basic challenge: every 401 here challenges with Basic. */
    private static HttpServletResponse basicChallenge(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String value) {
                if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
                    super.addHeader(name, value);
                }
            }

            @Override
            public void setHeader(String name, String value) {
                if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
                    super.setHeader(name, value);
                }
            }
        };
    }

    private static String decodePath(String raw) {
        List<String> decoded = new java.util.ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            String value = decode(segment);
            if (value.indexOf('/') >= 0) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Encoded slash in a path segment");
            }
            decoded.add(value);
        }
        return String.join("/", decoded);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Malformed percent-encoding in the path");
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
