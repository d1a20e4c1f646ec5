package com.goodpackagerepo.auth;

import com.goodpackagerepo.api.http.AuthFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, set by {@link AuthFilter}; null when the request carries no token. Also
 * produces the caller as an injectable {@link JsonWebToken} (MicroProfile JWT API).
 */
@RequestScoped
public class CurrentPrincipal {
    private Principal principal;
    private String rawJwt;

    public Principal get() {
        return principal;
    }

    void set(Principal value) {
        this.principal = value;
    }

    /** The caller, who presented {@code jwt} (a verified session or external issuer token). */
    void set(Principal value, String jwt) {
        this.principal = value;
        this.rawJwt = jwt;
    }

    /** The caller as MicroProfile JWT's {@link JsonWebToken}, for resources that read the caller's claims. */
    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken() {
        return CallerToken.of(principal, rawJwt);
    }
}
