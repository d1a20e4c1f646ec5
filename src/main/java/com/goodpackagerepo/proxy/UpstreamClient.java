package com.goodpackagerepo.proxy;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.RetryLaterException;
import com.goodpackagerepo.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * What {@code proxy.fetch} calls: one upstream request through {@link UpstreamTransport}, with its outcome
 * turned into what the pipeline handles. A failure after the upstream's retry budget is a response with
 * status 502; the upstream's open circuit or full bulkhead ({@link UpstreamGuardRegistry}) is a 503
 * {@code UPSTREAM_UNAVAILABLE} with Retry-After, answered at once. Concurrent GET/HEAD calls for the same
 * path share one upstream fetch: the first leads, the others wait until its pipeline has stored the body (and
 * recorded it) and get a response holding the stored blob; for 10 s after that, a late request for the same path is still served from it.
 */
@ApplicationScoped
public class UpstreamClient {
    private static final Logger LOG = Logger.getLogger(UpstreamClient.class.getName());

    @Inject
    UpstreamTransport transport;
    @Inject
    UpstreamMetrics metrics;
    @Inject
    @ConfigProperty(name = "gpr.proxy.join-wait-seconds", defaultValue = "900")
    long joinWaitSeconds;

    /** A stored fetch stays joinable this long: enough for a request that saw no artifact a moment ago. */
    private final SingleFlight<UpstreamResponse> flights = new SingleFlight<>(10_000, UpstreamClient::stillStored);

    public UpstreamResponse fetch(UpstreamSettings upstream, String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return call(upstream, method, path);
        }
        SingleFlight.Ticket<UpstreamResponse> ticket = flights.join(upstream.name() + " " + method + " " + path);
        if (!ticket.leader()) {
            return join(upstream, method, path, ticket.future());
        }
        UpstreamResponse response;
        try {
            response = call(upstream, method, path);
        } catch (RuntimeException e) {
            ticket.future().completeExceptionally(e);
            throw e;
        }
        share(response, ticket.future());
        return response;
    }

    private UpstreamResponse call(UpstreamSettings upstream, String method, String path) {
        String name = upstream.name();
        try {
            UpstreamResponse response = transport.open(new UpstreamCall(upstream, method, path));
            metrics.fetch(name, response.status() == 200 ? "ok" : response.status() == 404 ? "not_found" : "status");
            if (response.body() != null) {
                response.body().settled().whenComplete((blob, error) -> {
                    if (error != null && !(error instanceof UpstreamBody.NotStoredException)) {
                        metrics.fetch(name, "body_failed");
                    }
                });
            }
            return response;
        } catch (UpstreamFailure | TimeoutException e) {
            LOG.warning(() -> "upstream " + name + " failed: " + e.getMessage());
            metrics.fetch(name, "failed");
            return new UpstreamResponse(502, Json.object(), null);
        } catch (UpstreamGuard.Refused e) {
            metrics.fetch(name, e.circuitOpen() ? "circuit_open" : "rejected");
            throw unavailable(name, e.getMessage(), e.retryAfterSeconds());
        }
    }

    /** Lets waiting requests have the leader's outcome: its stored body, or its answer without a body. */
    private static void share(UpstreamResponse response, CompletableFuture<UpstreamResponse> flight) {
        UpstreamBody body = response.body();
        if (body == null) {
            flight.complete(response);
            return;
        }
        body.settled().whenComplete((blob, error) -> {
            if (error == null) {
                flight.complete(new UpstreamResponse(200, response.headers(), UpstreamBody.storedCopy(blob, body.statedDigest())));
            } else {
                flight.completeExceptionally(error);
            }
        });
    }

    private UpstreamResponse join(UpstreamSettings upstream, String method, String path,
                                  CompletableFuture<UpstreamResponse> flight) {
        try {
            UpstreamResponse response = flight.get(joinWaitSeconds, TimeUnit.SECONDS);
            metrics.fetch(upstream.name(), "joined");
            return response;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpstreamBody.NotStoredException) {
                return call(upstream, method, path);
            }
            if (e.getCause() instanceof DomainException api) {
                throw api;
            }
            throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Upstream fetch failed: " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Timed out waiting for a concurrent upstream fetch");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.UNAVAILABLE, "Interrupted while waiting for an upstream fetch");
        }
    }

    /** A finished fetch can serve late joiners only while its blob is still stored (it may have been evicted). */
    private static boolean stillStored(UpstreamResponse response) {
        if (response == null || response.body() == null || response.body().stored() == null) {
            return false;
        }
        try {
            return response.body().stored().source().exists();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static DomainException unavailable(String upstream, String why, long retryAfter) {
        return new RetryLaterException(ErrorCode.UPSTREAM_UNAVAILABLE, "Upstream " + upstream + " is unavailable: " + why,
                java.time.Duration.ofSeconds(retryAfter));
    }
}
