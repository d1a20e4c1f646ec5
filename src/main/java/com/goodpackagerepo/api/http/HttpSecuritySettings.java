package com.goodpackagerepo.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CORS and header settings (MicroProfile Config; e.g. env GPR_CORS_ALLOWED_ORIGINS=http://localhost:3000). */
@ApplicationScoped
public class HttpSecuritySettings {
    @Inject
    @ConfigProperty(name = "gpr.cors.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "gpr.cors.allowed-methods", defaultValue = "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS")
    String allowedMethods;

    @Inject
    @ConfigProperty(name = "gpr.cors.allowed-headers", defaultValue = "authorization,content-type,if-match,"
            + "tus-resumable,upload-length,upload-offset,upload-metadata,upload-checksum")
    String allowedHeaders;

    @Inject
    @ConfigProperty(name = "gpr.cors.max-age.seconds", defaultValue = "600")
    long corsMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "gpr.http.hsts.max-age.seconds", defaultValue = "31536000")
    long hstsMaxAgeSeconds;

    public CorsPolicy cors() {
        return new CorsPolicy(CorsPolicy.list(allowedOrigins.orElse("")), CorsPolicy.list(allowedMethods),
                CorsPolicy.list(allowedHeaders), corsMaxAgeSeconds);
    }

    public long hstsMaxAgeSeconds() {
        return hstsMaxAgeSeconds;
    }
}
