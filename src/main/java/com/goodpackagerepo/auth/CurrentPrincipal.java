package com.goodpackagerepo.auth;

import com.goodpackagerepo.api.http.AuthFilter;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link AuthFilter}; null when the request carries no token. */
@RequestScoped
public class CurrentPrincipal {
    private Principal principal;

    public Principal get() {
        return principal;
    }

    void set(Principal value) {
        this.principal = value;
    }
}
