package com.goodpackagerepo.auth;

/**
 * What a request's credentials came to: a principal, nobody (no credentials: each endpoint decides whether
 * anonymous is enough), or a refusal with its reason (the edge answers it with 401).
 */
public sealed interface Authentication {

    /** Valid credentials; also the request's {@link CurrentPrincipal}. */
    record Authenticated(Principal principal) implements Authentication {
    }

    /** No credentials were presented. */
    record Anonymous() implements Authentication {
    }

    /** Credentials were presented and refused. */
    record Refused(String reason) implements Authentication {
    }
}
