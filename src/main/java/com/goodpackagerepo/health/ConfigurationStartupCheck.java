package com.goodpackagerepo.health;

import com.goodpackagerepo.config.ConfigService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Startup;

/** Started (and alive) once a valid configuration is loaded. */
@Startup
@Liveness
@ApplicationScoped
public class ConfigurationStartupCheck implements HealthCheck {
    @Inject
    ConfigService configService;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("configuration");
        try {
            return response.up().withData("revision", configService.current().revision()).build();
        } catch (RuntimeException e) {
            return response.down().build();
        }
    }
}
