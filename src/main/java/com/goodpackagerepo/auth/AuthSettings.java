package com.goodpackagerepo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Token and login settings (MicroProfile Config; environment variables override, e.g. GPR_TOKEN_TTL_SECONDS). */
@ApplicationScoped
public class AuthSettings {
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "good-package-repo")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "good-package-repo")
    String audience;

    @Inject
    @ConfigProperty(name = "gpr.token.ttl.seconds", defaultValue = "3600")
    long tokenTtlSeconds;

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
