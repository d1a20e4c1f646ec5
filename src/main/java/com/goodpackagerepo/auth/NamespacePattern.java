package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.util.regex.Pattern;

/**
 * Which namespaces a grant or a narrowed API token covers: an exact namespace ({@code acme}), a prefix followed by
 * one trailing {@code *} ({@code acme-*}: every namespace starting with {@code acme-}), or {@code *} alone (every
 * namespace). No other wildcard exists, so a pattern never needs escaping and matching is a string comparison.
 * Patterns are compared with stored (normalized, lower-case) namespaces.
 */
public record NamespacePattern(String text) {
    private static final Pattern SYNTAX = Pattern.compile("^(\\*|[a-z0-9][a-z0-9._-]{0,127}\\*?)$");

    /** The pattern {@code raw} (trimmed), or 400 {@code VALIDATION_ERROR} naming the rule it breaks. */
    public static NamespacePattern parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (!SYNTAX.matcher(text).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "namespace pattern must be a namespace (a-z 0-9 . _ -,"
                    + " starting with a letter or digit, at most 128 characters), optionally ending in one *, or * alone;"
                    + " got \"" + (text.length() > 140 ? text.substring(0, 140) + "…" : text) + "\"");
        }
        return new NamespacePattern(text);
    }

    /** Whether {@code namespace} (as stored) is covered. */
    public boolean matches(String namespace) {
        if (namespace == null) {
            return false;
        }
        if (text.endsWith("*")) {
            return namespace.startsWith(text.substring(0, text.length() - 1));
        }
        return text.equals(namespace);
    }

    @Override
    public String toString() {
        return text;
    }
}
