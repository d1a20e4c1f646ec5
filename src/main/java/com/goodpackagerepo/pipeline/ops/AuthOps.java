package com.goodpackagerepo.pipeline.ops;

import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.auth.ScopePolicy;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.schema.AuthDef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code auth.require_scopes}: the caller must hold the listed scopes, plus those of every
 * {@code auth.policies} entry whose {@code when.route.tags} matches the route. Anonymous callers pass only
 * when anonymous reads are on, the route is tagged public and nothing beyond {@code read} is required. A
 * {@code read}/{@code write}/{@code admin} requirement is also met by a namespace grant on the request's namespace
 * (the ops' own action checks then decide with the same grants).
 */
@ApplicationScoped
public class AuthOps implements OpFamily {
    @Inject
    AuthSettings settings;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("auth.require_scopes", this::requireScopes);
    }

    /**
     * A scope named like a namespace action ({@code read}, {@code write}, {@code admin}) is checked on the request's
     * namespace with the caller's grants and token limits — so a cached answer, served before any storage op, is
     * still refused to a token narrowed elsewhere; other scopes by the global scopes alone.
     */
    private static boolean permitted(PipelineContext ctx, AuthDef auth, Principal principal, String scope) {
        NamespaceAction action = NamespaceAction.ofScope(scope);
        if (action == null || ctx.access() == null) {
            return ScopePolicy.satisfies(auth, principal.scopes(), scope);
        }
        return ctx.access().allows(ctx.namespace(), action);
    }

    void requireScopes(OpCall call, PipelineContext ctx) {
        Set<String> required = new LinkedHashSet<>();
        call.arg("scopes").forEach(s -> required.add(s.asText()));
        AuthDef auth = ctx.config().model().auth();
        required.addAll(auth.policyScopes(ctx.route().tags()));
        Principal principal = ctx.principal();
        if (principal == null || principal.anonymous()) {
            boolean anonymousOk = settings.allowAnonymousRead() && ctx.route().tags().contains("public")
                    && Set.of("read").containsAll(required);
            if (!anonymousOk) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
            }
            return;
        }
        for (String scope : required) {
            if (!permitted(ctx, auth, principal, scope)) {
                throw new DomainException(ErrorCode.FORBIDDEN, "Missing scope " + scope);
            }
        }
    }
}
