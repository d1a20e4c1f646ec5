package com.goodpackagerepo.api;

import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.api.error.UnexpectedExceptionMapper;
import com.goodpackagerepo.auth.Authentication;
import com.goodpackagerepo.auth.BearerAuthentication;
import com.goodpackagerepo.config.validation.FixedEndpoints;
import com.goodpackagerepo.error.CredentialsRefusedException;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.observability.RequestIds;
import com.goodpackagerepo.observability.RequestRecorder;
import com.goodpackagerepo.observability.RouteLabel;
import com.goodpackagerepo.pipeline.PipelineResult;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The data plane's request path: every request that no fixed endpoint owns ({@link FixedEndpoints}) is answered
 * here, in the servlet filter chain, without going through JAX-RS — the configured routes are matched and run by
 * {@link RouteDispatcher} and the answer written straight to the servlet response ({@link ResultWriter}).
 * It does for these requests what the JAX-RS filters do for the fixed endpoints, with the same shared pieces:
 * authentication ({@link BearerAuthentication}), request id, metrics and access log ({@link RequestRecorder}),
 * JSON errors. Mapped in {@code web.xml} after the security-header filter. Requests for fixed endpoints go on
 * down the chain to the REST application.
 */
public class ConfiguredRouteFilter implements Filter {
    private static final Set<String> WITH_BODY = Set.of("PUT", "POST", "PATCH");

    @Inject
    BearerAuthentication bearer;
    @Inject
    RouteDispatcher dispatcher;
    @Inject
    RequestRecorder recorder;
    @Inject
    RouteLabel routeLabel;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getDispatcherType() != DispatcherType.REQUEST || FixedEndpoints.owns(path)) {
            chain.doFilter(req, res);
            return;
        }
        serve(request, (HttpServletResponse) res, path);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        long started = System.nanoTime();
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        String method = request.getMethod();
        RouteDispatcher.Answer answer = answer(request, method, path);
        response.setHeader(RequestIds.HEADER, requestId);
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

    /** Authenticates and dispatches; every failure becomes a result to write (nothing escapes as an exception). */
    private RouteDispatcher.Answer answer(HttpServletRequest request, String method, String path) {
        try {
            if (bearer.authenticate(request.getHeader("Authorization")) instanceof Authentication.Refused refused) {
                return failed(new CredentialsRefusedException(refused.reason()), method, path);
            }
            return dispatcher.dispatch(requestData(request, method, path));
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

    private static RequestData requestData(HttpServletRequest request, String method, String path) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name.toLowerCase(Locale.ROOT), java.util.Collections.list(request.getHeaders(name)));
        }
        InputStream body = WITH_BODY.contains(method) ? request.getInputStream() : null;
        return new RequestData(method, path, Map.of(), QueryString.parse(request.getQueryString()), headers, body,
                request.getContentLengthLong());
    }
}
