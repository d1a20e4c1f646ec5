package com.goodpackagerepo.auth;

import com.goodpackagerepo.auth.jpa.JpaTokenRepository;
import com.goodpackagerepo.auth.jpa.RevokedTokenRow;
import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.cluster.ClusterSignals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deny list of session tokens revoked before they expire (logout, refresh), by jti. Kept in the
 * database so a restart does not bring a logged-out token back, and in memory so checking a token costs
 * no database round trip (one server process owns the data, as with LMDB). An entry is only needed until
 * the token's own expiry, so the list stays as small as the tokens issued in one token lifetime.
 */
@ApplicationScoped
public class RevokedTokens {
    private static final long PURGE_EVERY_MILLIS = 10 * 60 * 1000L;

    @Inject
    JpaTokenRepository repository;
    @Inject
    ClusterSignals signals;

    Clock clock = Clock.systemUTC();
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private volatile long lastPurge;

    public boolean isRevoked(String jti) {
        ensureLoaded();
        return jti != null && revoked.containsKey(jti);
    }

    /** Refuses the token {@code jti} from now until {@code expiresAt}, when it would stop working anyway. */
    public void revoke(String jti, Instant expiresAt) {
        ensureLoaded();
        long now = clock.millis();
        repository.insertRevoked(new RevokedTokenRow(jti, expiresAt.toEpochMilli(), now));
        revoked.put(jti, expiresAt.toEpochMilli());
        signals.publish(ClusterSignal.TOKEN_REVOKED, jti + " " + expiresAt.toEpochMilli());
        if (now - lastPurge > PURGE_EVERY_MILLIS) {
            lastPurge = now;
            revoked.values().removeIf(expiry -> expiry < now);
            repository.purgeRevokedBefore(now);
        }
    }

    /** A revocation on another node (cluster mode): refused here from now on too. */
    void onSignal(@Observes ClusterSignal signal) {
        if (signal.is(ClusterSignal.TOKEN_REVOKED) && loaded) {
            String[] parts = signal.payload().split(" ", 2);
            revoked.put(parts[0], Long.parseLong(parts[1]));
        }
    }

    private void ensureLoaded() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    repository.revokedSince(clock.millis()).forEach(r -> revoked.put(r.getJti(), r.getExpiresAt()));
                    loaded = true;
                }
            }
        }
    }
}
