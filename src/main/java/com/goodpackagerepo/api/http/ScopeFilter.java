package com.goodpackagerepo.api.http;

import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.auth.CurrentPrincipal;
import com.goodpackagerepo.auth.ScopePolicy;
import com.goodpackagerepo.error.DomainException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/** Enforces {@link RequiresScope} on the matched resource method, after authentication ({@link AuthFilter}). */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ScopeFilter implements ContainerRequestFilter {
    @Inject
    CurrentPrincipal current;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresScope required = required(resource.getResourceMethod(), resource.getResourceClass());
        if (required == null) {
            return;
        }
        try {
            ScopePolicy.require(current.get(), required.value());
        } catch (DomainException refused) {
            request.abortWith(ErrorResponses.response(refused));
        }
    }

    static RequiresScope required(Method method, Class<?> type) {
        RequiresScope onMethod = method == null ? null : method.getAnnotation(RequiresScope.class);
        if (onMethod != null) {
            return onMethod;
        }
        return type == null ? null : type.getAnnotation(RequiresScope.class);
    }
}
