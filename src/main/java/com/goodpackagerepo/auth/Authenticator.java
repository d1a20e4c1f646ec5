package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Answers "who is this request, and may it go on" for fixed endpoints (auth, admin, built-in reads). */
@ApplicationScoped
public class Authenticator {
    @Inject
    CurrentPrincipal current;

    public Principal principal() {
        return current.get();
    }

    /** The caller, who must have presented a valid token (any scope). */
    public Principal authenticated() {
        Principal principal = principal();
        if (principal == null || principal.anonymous()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
        return principal;
    }

    /** The caller, who must hold {@code scope} (admin holds every scope). */
    public Principal require(String scope) {
        Principal principal = authenticated();
        if (!principal.hasScope(scope) && !principal.hasScope("admin")) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Missing scope " + scope);
        }
        return principal;
    }
}
