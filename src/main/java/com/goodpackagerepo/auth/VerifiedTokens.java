package com.goodpackagerepo.auth;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session tokens whose RS256 signature was already checked, so that a token's second and later requests
 * skip parsing and the RSA verification. Keyed by the SHA-256 of the token (the token text itself is not
 * kept), bounded in size and in age ({@link #TTL_SECONDS}, and never past the token's own expiry). An entry
 * holds only what the signature vouches for — the claims and the key that verified them; everything that
 * can change while a token lives (revocation of the jti, the user's token version, enabled flag and scopes,
 * the key still being trusted, the clock) is checked again on every request by {@link TokenService}, so a
 * revocation takes effect at once whether or not the token is cached.
 */
final class VerifiedTokens {
    static final long TTL_SECONDS = 60;
    static final int MAX_ENTRIES = 10_000;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The verified claims of {@code token}, or null when it is not cached (or its entry is too old). */
    Entry get(String token, Instant now) {
        Key key = Key.of(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.cachedUntil())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    void put(String token, Entry entry) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !entry.cachedAt().isBefore(e.cachedUntil()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(Key.of(token), entry);
    }

    int size() {
        return entries.size();
    }

    /**
     * What a valid signature established about a token.
     *
     * @param verifiedBy  the key object that verified it; the entry counts only while the same key is trusted
     * @param cachedAt    when the signature was checked
     * @param cachedUntil the earlier of {@code cachedAt + TTL} and the token's expiry
     * @param directoryGroups for a directory user's session, the user's directory groups at login; else null
     */
    record Entry(String kid, RSAKey verifiedBy, String issuer, List<String> audience, String subject,
                 Long tokenVersion, List<String> groups, String jti, Instant expiresAt, Instant notBefore,
                 Instant authTime, Instant cachedAt, Instant cachedUntil, List<String> directoryGroups) {

        static Instant cacheLimit(Instant cachedAt, Instant expiresAt, long skewSeconds) {
            Instant byTtl = cachedAt.plusSeconds(TTL_SECONDS);
            Instant byExpiry = expiresAt.plusSeconds(skewSeconds);
            return byExpiry.isBefore(byTtl) ? byExpiry : byTtl;
        }
    }

    /** The SHA-256 of a token: 32 bytes per entry instead of the ~700-byte token. */
    private record Key(byte[] digest, int hash) {
        /** One digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call. */
        private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing", e);
            }
        });

        static Key of(String token) {
            MessageDigest sha256 = SHA256.get();
            byte[] digest = sha256.digest(token.getBytes(StandardCharsets.US_ASCII));
            return new Key(digest, Arrays.hashCode(digest));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && MessageDigest.isEqual(digest, other.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
