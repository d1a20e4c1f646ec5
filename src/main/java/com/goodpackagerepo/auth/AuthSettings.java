package com.goodpackagerepo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Token and password settings (MicroProfile Config; environment variables override, e.g. GPR_TOKEN_TTL_SECONDS).
 * Login rate limits have their own bean, {@link LoginThrottleSettings}.
 */
@ApplicationScoped
public class AuthSettings {
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "good-package-repo")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "good-package-repo")
    String audience;

    @Inject
    @ConfigProperty(name = "gpr.token.ttl.seconds", defaultValue = "900")
    long tokenTtlSeconds;

    /** How long after a password login a session may still be renewed with /auth/refresh. */
    @Inject
    @ConfigProperty(name = "gpr.token.max-session.seconds", defaultValue = "43200")
    long maxSessionSeconds;

    /** How long a verified API token row is reused before it is read from the database again. */
    @Inject
    @ConfigProperty(name = "gpr.api-token.cache.seconds", defaultValue = "30")
    long apiTokenCacheSeconds;

    @Inject
    @ConfigProperty(name = "gpr.api-token.max-per-user", defaultValue = "50")
    int apiTokensPerUser;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30")
    long clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "gpr.password.bcrypt-cost", defaultValue = "12")
    int bcryptCost;

    @Inject
    @ConfigProperty(name = "gpr.password.min-length", defaultValue = "12")
    int passwordMinLength;

    @Inject
    @ConfigProperty(name = "ALLOW_ANON_READ", defaultValue = "false")
    boolean allowAnonymousRead;

    @Inject
    @ConfigProperty(name = "GPR_ADMIN_PASSWORD")
    Optional<String> bootstrapAdminPassword;

    @Inject
    @ConfigProperty(name = "gpr.jwt.signing-key.location")
    Optional<String> signingKeyLocation;

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public long tokenTtlSeconds() {
        return tokenTtlSeconds;
    }

    public long maxSessionSeconds() {
        return maxSessionSeconds;
    }

    public long apiTokenCacheSeconds() {
        return apiTokenCacheSeconds;
    }

    public int apiTokensPerUser() {
        return apiTokensPerUser;
    }

    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    public int bcryptCost() {
        return bcryptCost;
    }

    public int passwordMinLength() {
        return passwordMinLength;
    }

    public boolean allowAnonymousRead() {
        return allowAnonymousRead;
    }

    public Optional<String> bootstrapAdminPassword() {
        return bootstrapAdminPassword.filter(p -> !p.isEmpty());
    }

    public Optional<String> signingKeyLocation() {
        return signingKeyLocation.filter(p -> !p.isBlank());
    }
}
