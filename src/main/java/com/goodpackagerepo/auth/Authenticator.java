package com.goodpackagerepo.auth;

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
        return ScopePolicy.authenticated(principal());
    }

    /** The caller, who must hold {@code scope} (admin holds every scope). */
    public Principal require(String scope) {
        return ScopePolicy.require(principal(), scope);
    }
}
