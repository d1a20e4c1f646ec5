package com.goodpackagerepo.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The verification keys of external issuers: each JWKS document is fetched with connect and read timeouts,
 * cached for {@link #MAX_AGE_MILLIS}, and fetched again at once when a token names a key it lacks (the issuer
 * rotated) — but at most once per {@link #MIN_REFRESH_MILLIS} per URL, so tokens with made-up key ids cannot make
 * the server hammer the issuer. A failed fetch keeps the keys it had.
 */
@ApplicationScoped
public class IssuerKeys {
    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    static final long MAX_AGE_MILLIS = 10 * 60_000;
    static final long MIN_REFRESH_MILLIS = 1_000;
    static final int MAX_BYTES = 256 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();

    private record Fetched(JWKSet keys, long fetchedAt) {
    }

    /** The key {@code kid} of the JWKS at {@code jwksUrl}, or null when the issuer does not publish it. */
    public JWK key(String jwksUrl, String kid) {
        long now = System.currentTimeMillis();
        Fetched fetched = cache.get(jwksUrl);
        if (fetched == null || now - fetched.fetchedAt() > MAX_AGE_MILLIS) {
            fetched = fetch(jwksUrl, fetched, now);
        }
        JWK key = fetched.keys().getKeyByKeyId(kid);
        if (key == null && now - fetched.fetchedAt() >= MIN_REFRESH_MILLIS) {
            fetched = fetch(jwksUrl, fetched, now);
            key = fetched.keys().getKeyByKeyId(kid);
        }
        return key;
    }

    private synchronized Fetched fetch(String jwksUrl, Fetched previous, long now) {
        Fetched current = cache.get(jwksUrl);
        if (current != null && current != previous && now - current.fetchedAt() < MIN_REFRESH_MILLIS) {
            return current;
        }
        Fetched result;
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(jwksUrl)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || body.length > MAX_BYTES) {
                    throw new IOException("HTTP " + response.statusCode() + ", " + body.length + " bytes");
                }
                result = new Fetched(JWKSet.parse(new String(body, StandardCharsets.UTF_8)), now);
            }
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.warning(() -> "cannot fetch the JWKS at " + jwksUrl + ": " + e);
            result = new Fetched(previous == null ? new JWKSet() : previous.keys(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Fetched(previous == null ? new JWKSet() : previous.keys(), now);
        }
        cache.put(jwksUrl, result);
        return result;
    }
}
