package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Rules every new password must pass; a failure names the rule (400 WEAK_PASSWORD). */
public final class PasswordPolicy {
    private static final int MAX_LENGTH = 1024;
    private static final Set<String> COMMON = loadCommonPasswords();

    private final int minLength;

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    public void check(String username, String password) {
        if (password == null || password.length() < minLength) {
            throw weak("min_length", "Password must be at least " + minLength + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            throw weak("max_length", "Password must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isEmpty() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw weak("contains_username", "Password must not contain the username");
        }
        if (COMMON.contains(lower)) {
            throw weak("common_password", "Password is in the list of commonly used passwords");
        }
        if (password.chars().distinct().count() < 4) {
            throw weak("too_repetitive", "Password must use at least 4 different characters");
        }
    }

    private static DomainException weak(String rule, String message) {
        return new DomainException(ErrorCode.WEAK_PASSWORD, message + " (rule: " + rule + ")");
    }

    private static Set<String> loadCommonPasswords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt missing");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
