package com.goodpackagerepo.api.http;

import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.auth.Authentication;
import com.goodpackagerepo.auth.BearerAuthentication;
import com.goodpackagerepo.error.CredentialsRefusedException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Authenticates every request to a fixed JAX-RS endpoint ({@link BearerAuthentication}). */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    @Inject
    BearerAuthentication bearer;

    @Override
    public void filter(ContainerRequestContext request) {
        if (bearer.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)) instanceof Authentication.Refused refused) {
            request.abortWith(ErrorResponses.response(new CredentialsRefusedException(refused.reason())));
        }
    }
}
