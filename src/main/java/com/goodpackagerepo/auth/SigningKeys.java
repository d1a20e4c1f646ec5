package com.goodpackagerepo.auth;

import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.SigningKeyRow;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.cluster.ClusterSignals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The RS256 key pairs tokens are signed with. Generated on first start and kept in the database, or
 * supplied as a private JWK file ({@code gpr.jwt.signing-key.location}). The newest key signs; every
 * unretired key verifies, so a rotation keeps earlier tokens valid until they expire.
 */
@ApplicationScoped
public class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final int KEY_BITS = 2048;

    @Inject
    JpaUserRepository repository;
    @Inject
    AuthSettings settings;
    @Inject
    ClusterSignals signals;

    private volatile RSAKey signingKey;
    private final Map<String, RSAKey> verificationKeys = new ConcurrentHashMap<>();
    static final long UNKNOWN_KID_RELOAD_NANOS = 1_000_000_000L;
    private volatile long lastUnknownKidReload = System.nanoTime() - UNKNOWN_KID_RELOAD_NANOS - 1;

    public void ensureActiveKey() {
        if (settings.signingKeyLocation().isPresent()) {
            RSAKey supplied = readKeyFile(Path.of(settings.signingKeyLocation().get()));
            verificationKeys.put(supplied.getKeyID(), supplied);
            signingKey = supplied;
            LOG.info(() -> "token signing key " + supplied.getKeyID() + " read from " + settings.signingKeyLocation().get());
        }
        if (repository.activeKeys().isEmpty() && signingKey == null) {
            store(generate());
        }
        reload();
    }

    /**
     * Starts signing with a new key, at once and without a restart; tokens signed by earlier keys keep
     * verifying until they expire. Keys that stopped signing longer ago than {@code maxTokenLifetimeSeconds}
     * can no longer have a valid token and are retired (kept, but no longer trusted).
     *
     * @throws DomainException 409 when the signing key is supplied as a file: replace the file instead
     */
    public String rotate(long maxTokenLifetimeSeconds) {
        return rotate(maxTokenLifetimeSeconds, false);
    }

    /** Starts signing with a new key and retires none. */
    public String rotate() {
        return rotate(Long.MAX_VALUE / 1000, false);
    }

    /**
     * As {@link #rotate(long)}; with {@code retireAllPrevious} every earlier key is retired at once, so every
     * session token signed before stops working (for a key that may have leaked; users log in again).
     */
    public synchronized String rotate(long maxTokenLifetimeSeconds, boolean retireAllPrevious) {
        if (settings.signingKeyLocation().isPresent()) {
            throw new DomainException(ErrorCode.CONFLICT, "The signing key is read from "
                    + "gpr.jwt.signing-key.location; rotate it by replacing that file (see docs/security.md)");
        }
        long now = System.currentTimeMillis();
        RSAKey key = generate();
        store(key);
        List<SigningKeyRow> active = repository.activeKeys();
        for (int i = 1; i < active.size(); i++) {
            long stoppedSigning = active.get(i - 1).getCreatedAt();
            if (retireAllPrevious || now - stoppedSigning > maxTokenLifetimeSeconds * 1000) {
                repository.retireKey(active.get(i).getKid(), now);
            }
        }
        reload();
        signals.publish(ClusterSignal.SIGNING_KEYS_CHANGED, key.getKeyID());
        return key.getKeyID();
    }

    /** Every stored key (newest first) with whether it signs, verifies or was retired; no key material. */
    public List<KeyInfo> describe() {
        RSAKey signing = signingKey;
        List<KeyInfo> list = new ArrayList<>();
        for (SigningKeyRow row : repository.keysNewestFirst()) {
            list.add(new KeyInfo(row.getKid(), row.getAlgorithm(), Instant.ofEpochMilli(row.getCreatedAt()),
                    row.getRetiredAt() == null ? null : Instant.ofEpochMilli(row.getRetiredAt()),
                    signing != null && row.getKid().equals(signing.getKeyID())));
        }
        if (settings.signingKeyLocation().isPresent() && signing != null) {
            list.add(0, new KeyInfo(signing.getKeyID(), JWSAlgorithm.RS256.getName(), null, null, true));
        }
        return list;
    }

    /** One signing key as the admin API shows it. */
    public record KeyInfo(String kid, String algorithm, Instant createdAt, Instant retiredAt, boolean signing) {
    }

    public RSAKey signingKey() {
        RSAKey key = signingKey;
        if (key == null) {
            throw new IllegalStateException("no signing key loaded");
        }
        return key;
    }

    /**
     * The key {@code kid} names; an unknown id reloads the keys from the database once (another node may have
     * rotated and its signal not arrived yet), at most once per {@link #UNKNOWN_KID_RELOAD_NANOS} so a stream of
     * made-up ids cannot turn every request into a database read.
     */
    public RSAKey verificationKey(String kid) {
        if (kid == null) {
            return null;
        }
        RSAKey key = verificationKeys.get(kid);
        if (key == null && settings.signingKeyLocation().isEmpty()) {
            long now = System.nanoTime();
            long last = lastUnknownKidReload;
            if (now - last > UNKNOWN_KID_RELOAD_NANOS) {
                synchronized (this) {
                    if (lastUnknownKidReload == last) {
                        lastUnknownKidReload = now;
                        reload();
                    }
                }
                key = verificationKeys.get(kid);
            }
        }
        return key;
    }

    /** A rotation or retirement on another node (cluster mode). */
    void onSignal(@Observes ClusterSignal signal) {
        if (signal.is(ClusterSignal.SIGNING_KEYS_CHANGED)) {
            synchronized (this) {
                reload();
            }
        }
    }

    private void reload() {
        List<SigningKeyRow> rows = repository.activeKeys();
        for (SigningKeyRow row : rows) {
            verificationKeys.computeIfAbsent(row.getKid(), kid -> parse(row.getPrivateJwk()));
        }
        RSAKey supplied = settings.signingKeyLocation().isPresent() ? signingKey : null;
        verificationKeys.keySet().removeIf(kid -> rows.stream().noneMatch(r -> r.getKid().equals(kid))
                && (supplied == null || !kid.equals(supplied.getKeyID())));
        if (settings.signingKeyLocation().isEmpty() && !rows.isEmpty()) {
            signingKey = verificationKeys.get(rows.get(0).getKid());
        }
    }

    private void store(RSAKey key) {
        repository.insertKey(new SigningKeyRow(key.getKeyID(), JWSAlgorithm.RS256.getName(),
                key.toJSONString(), System.currentTimeMillis()));
        LOG.info(() -> "generated token signing key " + key.getKeyID());
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_BITS).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is not a valid RSA JWK", e);
        }
    }

    private static RSAKey readKeyFile(Path file) {
        try {
            RSAKey key = parse(Files.readString(file));
            if (!key.isPrivate()) {
                throw new IllegalStateException("signing key file " + file + " holds no private key");
            }
            return key.getKeyID() == null ? new RSAKey.Builder(key).keyID("configured").build() : key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing key " + file, e);
        }
    }
}
