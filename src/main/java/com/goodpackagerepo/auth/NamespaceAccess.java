package com.goodpackagerepo.auth;

import com.goodpackagerepo.schema.AuthDef;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What one caller may do on which namespace: its global scopes (the schema's {@code auth.scopes}) combined with
 * the grants naming its user or one of its groups, within what its API token was narrowed to.
 *
 * <p>A caller may perform an action on namespace N when (a) its token, if narrowed, reaches N, and (b) either its
 * global scopes allow the action — except that with {@code restricted} only a global {@code admin} (action
 * {@code *}) still writes everywhere, so {@code write} needs a grant — or a grant for an equal or stronger action
 * covers N (an API token uses grants only up to the strongest of its own scopes). Reads of anonymous callers
 * stay as the server's anonymous-read switch says. Internal callers ({@code proxy:<upstream>}, which no user
 * name can spell) are not restricted.
 */
public final class NamespaceAccess {
    private final Principal principal;
    private final AuthDef auth;
    private final List<NamespaceGrant> grants;
    private final boolean restricted;
    private final boolean anonymousRead;
    private final ApiTokenLimits limits;
    private final Set<String> actions;

    private NamespaceAccess(Principal principal, AuthDef auth, List<NamespaceGrant> grants, boolean restricted,
                            boolean anonymousRead, ApiTokenLimits limits) {
        this.principal = principal;
        this.auth = auth;
        this.grants = grants;
        this.restricted = restricted;
        this.anonymousRead = anonymousRead;
        this.limits = limits;
        this.actions = anonymous(principal) ? Set.of() : auth.actions(principal.scopes());
    }

    /**
     * @param allGrants every grant; those of the caller's user and groups are kept
     * @param limits    the caller's API token limits ({@link ApiTokenLimits#NONE} for a session)
     */
    public static NamespaceAccess of(Principal principal, AuthDef auth, Collection<NamespaceGrant> allGrants,
                                     boolean restricted, boolean anonymousRead, ApiTokenLimits limits) {
        List<NamespaceGrant> mine = anonymous(principal) ? List.of()
                : allGrants.stream().filter(g -> g.appliesTo(principal.sub(), principal.groups())).toList();
        return new NamespaceAccess(principal, auth, mine, restricted, anonymousRead, limits);
    }

    /** The caller's own grants. */
    public List<NamespaceGrant> grants() {
        return grants;
    }

    /** Whether the caller holds the global action {@code *} (the {@code admin} scope) and no narrowed token. */
    public boolean unlimited() {
        return actions.contains(ScopePolicy.ALL) && limits.namespaces().isEmpty();
    }

    /** Whether the caller may do {@code action} on {@code namespace}; its global scopes are read as scope names. */
    public boolean allows(String namespace, NamespaceAction action) {
        boolean global = !anonymous(principal) && ScopePolicy.satisfies(auth, principal.scopes(), action.id());
        return decide(namespace, action, global);
    }

    /**
     * Whether the caller may run a data-plane op whose scope action is {@code opAction} (e.g. {@code blob.put}) and
     * that needs {@code level} on {@code namespace} (null: the route names none — then only global scopes count,
     * and a narrowed token may do nothing).
     */
    public boolean allowsOp(String namespace, String opAction, NamespaceAction level) {
        boolean global = actions.contains(ScopePolicy.ALL) || actions.contains(opAction);
        return decide(namespace, level, global);
    }

    /**
     * Whether the caller may read some namespace: anonymous readers when anonymous reads are on, holders of the
     * global {@code read} scope, and callers with a grant their token may use. Listings then show only
     * {@link #allows readable} namespaces.
     */
    public boolean readsSomewhere() {
        if (anonymous(principal)) {
            return anonymousRead;
        }
        return ScopePolicy.satisfies(auth, principal.scopes(), NamespaceAction.READ.id())
                || (limits.ceiling() != null && !grants.isEmpty());
    }

    /** Whether the caller holds a grant of {@code action} (or stronger) somewhere that its token may use. */
    public boolean grantedSomewhere(NamespaceAction action) {
        return limits.ceiling() != null && limits.ceiling().covers(action)
                && grants.stream().anyMatch(g -> g.action().covers(action));
    }

    /** Whether a grant of the caller (within its token's limits) covers {@code action} on {@code namespace}. */
    public boolean granted(String namespace, NamespaceAction action) {
        if (namespace == null || !limits.reaches(namespace) || limits.ceiling() == null
                || !limits.ceiling().covers(action)) {
            return false;
        }
        for (NamespaceGrant grant : grants) {
            if (grant.action().covers(action) && grant.pattern().matches(namespace)) {
                return true;
            }
        }
        return false;
    }

    private boolean decide(String namespace, NamespaceAction action, boolean global) {
        if (anonymous(principal)) {
            return action == NamespaceAction.READ && anonymousRead;
        }
        if (!limits.namespaces().isEmpty() && (namespace == null || !limits.reaches(namespace))) {
            return false;
        }
        boolean globalCounts = global && (!restricted || action == NamespaceAction.READ
                || actions.contains(ScopePolicy.ALL) || internal(principal));
        return globalCounts || granted(namespace, action);
    }

    private static boolean anonymous(Principal principal) {
        return principal == null || principal.anonymous();
    }

    /** The server's own caller (the Maven proxy's cache fill): its global scopes count even in restricted mode. */
    private static boolean internal(Principal principal) {
        return principal.kind() == Principal.Kind.SYSTEM;
    }
}
