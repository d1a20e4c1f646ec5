package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Password login: throttled per client address and user name ({@link LoginThrottle}), audited as
 * {@code auth.login_succeeded} / {@code auth.login_failed}, answered with a session token. Refused
 * (throttled) attempts are not audited one by one: they cost the attacker nothing, so recording each would
 * let anyone fill the event log; the failure that starts a lock-out records {@code locked_for_seconds}.
 */
@ApplicationScoped
public class LoginService {
    @Inject
    UserService users;
    @Inject
    TokenService tokens;
    @Inject
    AuditLog audit;
    @Inject
    LoginThrottleSettings settings;
    @Inject
    com.goodpackagerepo.cluster.SharedBuckets sharedBuckets;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        // in a cluster the buckets live in PostgreSQL, so N nodes allow what one would
        throttle = sharedBuckets.shared() ? new LoginThrottle(settings.limits(), sharedBuckets::bucket)
                : new LoginThrottle(settings.limits());
    }

    /** The user and a fresh session token; 401 for a wrong name or password, 429 when throttled. */
    public Login login(String username, String password, String address) {
        LoginThrottle.Attempt attempt = throttle.begin(username, address);
        Optional<UserRow> user = users.authenticate(username, password);
        if (user.isEmpty()) {
            long lockedFor = throttle.failed(attempt);
            ObjectNode details = where(address);
            if (lockedFor > 0) {
                details.put("locked_for_seconds", lockedFor);
            }
            audit.record("auth.login_failed", username, details);
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Invalid username or password");
        }
        throttle.succeeded(attempt);
        UserRow row = user.get();
        TokenService.IssuedToken token = tokens.issue(row.getUsername(), row.getScopes(), row.getTokenVersion());
        audit.record("auth.login_succeeded", row.getUsername(), where(address));
        return new Login(row, token);
    }

    private static ObjectNode where(String address) {
        ObjectNode details = AuditLog.details();
        details.put("address", address);
        return details;
    }

    /** A successful login. */
    public record Login(UserRow user, TokenService.IssuedToken token) {
    }
}
