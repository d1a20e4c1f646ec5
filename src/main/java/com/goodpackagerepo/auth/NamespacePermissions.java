package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds a caller's {@link NamespaceAccess} from the current grants, its API token's limits and the server's
 * settings: {@code gpr.auth.namespaces.restricted} (default false) makes the global {@code write} scope stop at
 * the namespaces granted to the caller.
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

    /** What {@code principal} may do where, under the schema's {@code auth.scopes} ({@code scopesConfig}). */
    public NamespaceAccess of(Principal principal, JsonNode scopesConfig) {
        // an API token is narrowed by its limits (one without an id reaches nothing); other kinds are not
        ApiTokenLimits limits = principal != null && principal.kind() == Principal.Kind.API_TOKEN
                ? apiTokens.limits(principal.tokenId()) : ApiTokenLimits.NONE;
        return NamespaceAccess.of(principal, scopesConfig, grants.current(), restricted,
                settings.allowAnonymousRead(), limits);
    }

    /** Whether writes need a grant even for holders of the global {@code write} scope. */
    public boolean restricted() {
        return restricted;
    }
}
