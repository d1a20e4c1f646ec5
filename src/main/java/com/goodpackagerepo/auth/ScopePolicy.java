package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.schema.AuthDef;
import java.util.Set;

/**
 * The one access policy: which actions a caller's scopes grant (the schema's {@code auth.scopes}) and whether a
 * caller may go on. The fixed endpoints ask it through {@code @RequiresScope}, the catalog and the built-in reads
 * through {@link #requireRead}, the pipelines per op ({@code pipeline.AccessPolicy}).
 */
public final class ScopePolicy {
    /** The action of a scope that grants every action. */
    public static final String ALL = AuthDef.ALL;

    private ScopePolicy() {
    }

    /** Actions the scopes grant, per {@code auth.scopes}. */
    public static Set<String> actions(AuthDef auth, Set<String> scopes) {
        return auth.actions(scopes);
    }

    /** Whether holding {@code held} satisfies a requirement of scope {@code required}. */
    public static boolean satisfies(AuthDef auth, Set<String> held, String required) {
        if (held.contains(required)) {
            return true;
        }
        Set<String> heldActions = auth.actions(held);
        if (heldActions.contains(ALL)) {
            return true;
        }
        Set<String> requiredActions = auth.actions(Set.of(required));
        return !requiredActions.isEmpty() && heldActions.containsAll(requiredActions);
    }

    /** The caller, who must have presented a valid token (any scope); 401 otherwise. */
    public static Principal authenticated(Principal principal) {
        if (principal == null || principal.anonymous()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
        return principal;
    }

    /** The caller, who must hold {@code scope} (admin holds every scope); 401 or 403 otherwise. */
    public static Principal require(Principal principal, String scope) {
        Principal caller = authenticated(principal);
        if (!caller.hasScope(scope) && !caller.hasScope("admin")) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Missing scope " + scope);
        }
        return caller;
    }

    /**
     * Reads outside the pipelines (catalog, versions, tags): anonymous callers when anonymous reads are on,
     * otherwise scopes that satisfy {@code read} under the schema's {@code auth.scopes}.
     */
    public static void requireRead(Principal principal, AuthDef auth, boolean anonymousReadAllowed) {
        if (principal == null || principal.anonymous()) {
            if (!anonymousReadAllowed) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
            }
        } else if (!satisfies(auth, principal.scopes(), "read")) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Missing scope read");
        }
    }
}
