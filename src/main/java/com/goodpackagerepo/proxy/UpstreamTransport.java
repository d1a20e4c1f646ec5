package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Sends one request to an upstream and waits for its status and headers. MicroProfile Fault Tolerance's
 * {@code @Retry} and {@code @Timeout} are the server-wide outer bounds; inside them each upstream's own
 * settings rule: its connect and read timeouts on the socket, its {@code max_attempts} (an attempt past them
 * throws the non-retryable {@link UpstreamFailure}, so {@code @Retry} stops there) and its backoff, slept
 * before each retry. Every attempt then passes the upstream's own circuit breaker and bulkhead
 * ({@link UpstreamGuardRegistry}; MP FT would keep one of each for all upstreams), which refuse it at once with
 * {@link UpstreamGuard.Refused}. The body is not read here: it streams later, into the blob store.
 */
@ApplicationScoped
public class UpstreamTransport {
    /** Above the largest attempt the schema allows (connect + read at their maximum plus the longest backoff). */
    static final long OUTER_TIMEOUT_MS = 665_000;

    @Inject
    UpstreamGuardRegistry guards;

    @Retry(maxRetries = 9, delay = 0, jitter = 0, maxDuration = 7_200_000, retryOn = UpstreamFailure.Retryable.class)
    @Timeout(OUTER_TIMEOUT_MS)
    public UpstreamResponse open(UpstreamCall call) throws UpstreamFailure {
        int attempt = call.nextAttempt();
        pause(call, call.upstream().backoffBefore(attempt));
        UpstreamGuard guard = guards.of(call.upstream());
        guard.admit();
        boolean succeeded = false;
        try {
            UpstreamResponse response = attempt(call);
            succeeded = true;
            return response;
        } finally {
            guard.release(succeeded);
        }
    }

    private static UpstreamResponse attempt(UpstreamCall call) throws UpstreamFailure {
        UpstreamSettings upstream = call.upstream();
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) upstream.resolve(call.path()).toURL().openConnection();
            connection.setConnectTimeout(upstream.connectTimeoutMs());
            connection.setReadTimeout(upstream.readTimeoutMs());
            connection.setRequestMethod(call.method());
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "*/*");
            HttpURLConnection c = connection;
            UpstreamAuth.header(upstream.auth()).ifPresent(h -> c.setRequestProperty(h.getKey(), h.getValue()));
            int status = connection.getResponseCode();
            if (status >= 500 || status == 429 || status == 408) {
                discard(connection);
                throw UpstreamFailure.of(call, "status " + status, null);
            }
            ObjectNode headers = headers(connection.getHeaderFields());
            if (status != 200 || call.method().equals("HEAD")) {
                discard(connection);
                return new UpstreamResponse(status, headers, null);
            }
            return new UpstreamResponse(200, headers, UpstreamBody.of(connection, upstream));
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw UpstreamFailure.of(call, e.toString(), e);
        }
    }

    private static ObjectNode headers(Map<String, List<String>> fields) {
        ObjectNode headers = Json.object();
        fields.forEach((k, v) -> {
            if (k != null) {
                headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v));
            }
        });
        return headers;
    }

    /** Closes an unwanted body; the connection goes back to the keep-alive pool when the body was short. */
    private static void discard(HttpURLConnection connection) {
        try {
            InputStream in = connection.getErrorStream() != null ? connection.getErrorStream() : connection.getInputStream();
            in.close();
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    private static void pause(UpstreamCall call, long ms) throws UpstreamFailure {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(call.upstream().name() + ": interrupted during backoff", e);
        }
    }
}
