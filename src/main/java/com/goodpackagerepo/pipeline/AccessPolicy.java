package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.auth.ApiTokenLimits;
import com.goodpackagerepo.auth.NamespaceAccess;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.schema.op.OpAccess;
import com.goodpackagerepo.schema.op.OpSpec;
import java.util.List;

/**
 * Maps scopes to the actions of {@code auth.scopes} and answers whether the caller may perform an action, on the
 * request's namespace with its grants and token limits ({@code auth.NamespaceAccess}).
 * Every storage op asks before it touches a store, so a route without an auth op still cannot write
 * anonymously: anonymous callers get only read actions, and only on routes tagged {@code public} when
 * anonymous reads are enabled.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * The gate in front of every configured route: an anonymous caller reaches only routes tagged
     * {@code public}, and only when anonymous reads are enabled (401 otherwise), so a route whose pipeline
     * forgot its auth op is still closed to anonymous callers. Authenticated callers pass on to the ops.
     */
    public static void admit(Principal principal, com.goodpackagerepo.pipeline.CompiledRoute route,
                             boolean anonymousReadAllowed) {
        if ((principal == null || principal.anonymous())
                && !(anonymousReadAllowed && route.tags().contains("public"))) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
    }

    /**
     * Refuses (401/403) unless the request's caller may perform {@code op}'s {@link OpSpec#action() action}; an
     * anonymous caller may perform a {@link OpAccess#READ} op on a {@code public} route when anonymous reads are on.
     */
    public static void check(PipelineContext ctx, OpSpec op, boolean anonymousReadAllowed) {
        String action = op.action();
        Principal principal = ctx.principal();
        if (principal == null || principal.anonymous()) {
            boolean publicRead = anonymousReadAllowed && op.access() == OpAccess.READ
                    && ctx.route() != null && ctx.route().tags().contains("public");
            if (!publicRead) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
            }
            return;
        }
        NamespaceAccess access = ctx.access();
        if (access == null) {
            // not run by the executor: global scopes only, and never for an API token, whose limits are unknown here
            if (principal.kind() == Principal.Kind.API_TOKEN) {
                throw new DomainException(ErrorCode.FORBIDDEN, "The token's namespace limits were not resolved");
            }
            access = NamespaceAccess.of(principal, ctx.config().model().auth(), List.of(), false,
                    anonymousReadAllowed, ApiTokenLimits.NONE);
        }
        String namespace = ctx.namespace();
        NamespaceAction level = op.access() == OpAccess.READ ? NamespaceAction.READ : NamespaceAction.WRITE;
        if (!access.allowsOp(namespace, action, level)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your scopes and grants do not allow " + action
                    + (namespace == null ? "" : " on namespace " + namespace));
        }
    }
}
