package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.util.Locale;

/** What a grant allows on its namespaces; each action includes the weaker ones ({@code admin} ⊃ {@code write} ⊃ {@code read}). */
public enum NamespaceAction {
    READ, WRITE, ADMIN;

    /** Whether holding this action allows {@code needed}. */
    public boolean covers(NamespaceAction needed) {
        return compareTo(needed) >= 0;
    }

    /** The name used in the API, the database and scope lists: {@code read}, {@code write}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code raw}, or 400 {@code VALIDATION_ERROR}. */
    public static NamespaceAction parse(String raw) {
        NamespaceAction found = ofScope(raw);
        if (found == null) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "action must be read, write or admin");
        }
        return found;
    }

    /** The action a scope of the same name stands for, or null ({@code metrics}, unknown). */
    public static NamespaceAction ofScope(String scope) {
        if (scope == null) {
            return null;
        }
        return switch (scope) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "admin" -> ADMIN;
            default -> null;
        };
    }
}
