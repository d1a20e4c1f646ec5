package com.goodpackagerepo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Login rate limits (MicroProfile Config; e.g. env GPR_LOGIN_USER_FAILURES=10). See docs/security.md. */
@ApplicationScoped
public class LoginThrottleSettings {
    /** Login attempts one client address may make per period; successful ones are given back. */
    @Inject
    @ConfigProperty(name = "gpr.login.address.attempts", defaultValue = "20")
    int addressAttempts;

    @Inject
    @ConfigProperty(name = "gpr.login.address.period.seconds", defaultValue = "60")
    long addressPeriodSeconds;

    /** Failed logins a user name absorbs before it is slowed down. */
    @Inject
    @ConfigProperty(name = "gpr.login.user.failures", defaultValue = "5")
    int userFailures;

    /** Period in which {@code userFailures} attempts come back at the first back-off level (doubles per level). */
    @Inject
    @ConfigProperty(name = "gpr.login.user.period.seconds", defaultValue = "60")
    long userPeriodSeconds;

    /** The longest a user name ever waits for its next attempt. */
    @Inject
    @ConfigProperty(name = "gpr.login.user.max-backoff.seconds", defaultValue = "900")
    long userMaxBackoffSeconds;

    public LoginThrottle.Limits limits() {
        return new LoginThrottle.Limits(addressAttempts, addressPeriodSeconds, userFailures, userPeriodSeconds,
                userMaxBackoffSeconds);
    }
}
