package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.schema.AuthDef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds a caller's {@link NamespaceAccess} from the current grants, its API token's limits and the server's
 * settings: {@code gpr.auth.namespaces.restricted} (default false) makes the global {@code write} scope stop at
 * the namespaces granted to the caller. Also the one read check of the reads outside the pipelines (catalog,
 * downloads, the built-in versions and tag routes).
 */
@ApplicationScoped
public class NamespacePermissions {
    @Inject
    NamespaceGrants grants;
    @Inject
    ApiTokenService apiTokens;
    @Inject
    AuthSettings settings;
    @Inject
    @ConfigProperty(name = "gpr.auth.namespaces.restricted", defaultValue = "false")
    boolean restricted;
    /** What {@code principal} may do where, under the schema's {@code auth} section. */
    public NamespaceAccess of(Principal principal, AuthDef auth) {
        // an API token is narrowed by its limits (one without an id reaches nothing); other kinds are not
        ApiTokenLimits limits = principal != null && principal.kind() == Principal.Kind.API_TOKEN
                ? apiTokens.limits(principal.tokenId()) : ApiTokenLimits.NONE;
        return NamespaceAccess.of(principal, auth, grants.current(), restricted, settings.allowAnonymousRead(), limits);
    }

    /**
     * The caller's access, once it may read somewhere: the read scope, a grant, or anonymous reads when the server
     * allows them; 401/403 otherwise. Listings then show only what {@link NamespaceAccess#allows} reading.
     */
    public NamespaceAccess readable(Principal principal, AuthDef auth) {
        NamespaceAccess access = of(principal, auth);
        if (principal == null || principal.anonymous() || !access.readsSomewhere()) {
            ScopePolicy.requireRead(principal, auth, settings.allowAnonymousRead());
        }
        return access;
    }

    /**
     * 403 unless an authenticated caller may read {@code namespace} (by scope or grant); anonymous callers were
     * admitted or refused by the read gate before.
     */
    public void requireRead(Principal principal, AuthDef auth, String namespace) {
        if (principal != null && !principal.anonymous()
                && !of(principal, auth).allows(namespace, NamespaceAction.READ)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your scopes and grants do not allow reading namespace "
                    + namespace);
        }
    }

    /** Whether writes need a grant even for holders of the global {@code write} scope. */
    public boolean restricted() {
        return restricted;
    }
}
