package com.goodpackagerepo.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes (the library's 2b variant). Passwords longer than 72 bytes are pre-hashed, not cut. */
public final class PasswordHasher {
    private static final int BCRYPT_MAX_BYTES = 72;
    private final int cost;

    public PasswordHasher(int cost) {
        if (cost < 10 || cost > 16) {
            throw new IllegalArgumentException("bcrypt cost must be 10..16, was " + cost);
        }
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, prepare(password));
    }

    public boolean verify(String password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        return BCrypt.verifyer().verify(prepare(password), hash.toCharArray()).verified;
    }

    private static char[] prepare(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_MAX_BYTES) {
            return password.toCharArray();
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return java.util.Base64.getEncoder().encodeToString(digest).toCharArray();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
