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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Password login, for local users and then the LDAP directory ({@link LdapDirectory}): throttled per client address and user name ({@link LoginThrottle}), audited as
 * {@code auth.login_succeeded} / {@code auth.login_failed} with the {@code source} ({@code local} or {@code ldap}), answered with a session token. Refused
 * (throttled) attempts are not audited one by one: they cost the attacker nothing, so recording each would
 * let anyone fill the event log; the failure that starts a lock-out records {@code locked_for_seconds}.
 */
@ApplicationScoped
public class LoginService {
    static final String SOURCE_LOCAL = "local";
    static final String SOURCE_LDAP = "ldap";
    /**
     * Directory login names follow the local user-name rule (lower case): the directory matches names without
     * regard to case, so "Admin" must not reach it as a name distinct from the local "admin".
     */
    static final Pattern DIRECTORY_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

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
    @Inject
    LdapDirectory directory;
    @Inject
    GroupMappings groupMappings;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        // in a cluster the buckets live in PostgreSQL, so N nodes allow what one would
        throttle = sharedBuckets.shared() ? new LoginThrottle(settings.limits(), sharedBuckets::bucket)
                : new LoginThrottle(settings.limits());
    }

    /**
     * The user and a fresh session token; 401 for a wrong name or password, 429 when throttled, 503 when the
     * directory is needed and unreachable. A local user of that name wins: the directory is asked only for names
     * no local user has (docs/security.md, "Identities").
     */
    public Login login(String username, String password, String address) {
        LoginThrottle.Attempt attempt = throttle.begin(username, address);
        Optional<UserRow> user = users.authenticate(username, password);
        if (user.isPresent()) {
            throttle.succeeded(attempt);
            UserRow row = user.get();
            TokenService.IssuedToken token = tokens.issue(row.getUsername(), row.getScopes(), row.getTokenVersion());
            audit.record("auth.login_succeeded", row.getUsername(), where(address, SOURCE_LOCAL));
            return new Login(row.getUsername(), row.getScopes(), token);
        }
        boolean askDirectory = directory.enabled() && DIRECTORY_NAME.matcher(username).matches()
                && users.find(username).isEmpty();
        Optional<LdapDirectory.DirectoryUser> member;
        try {
            member = askDirectory ? directory.authenticate(username, password) : Optional.empty();
        } catch (DomainException unavailable) {
            ObjectNode details = where(address, SOURCE_LDAP);
            details.put("reason", "directory_unavailable");
            audit.record("auth.login_failed", username, details);
            throw unavailable;
        }
        if (member.isEmpty()) {
            long lockedFor = throttle.failed(attempt);
            ObjectNode details = where(address, askDirectory ? SOURCE_LDAP : SOURCE_LOCAL);
            if (lockedFor > 0) {
                details.put("locked_for_seconds", lockedFor);
            }
            audit.record("auth.login_failed", username, details);
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Invalid username or password");
        }
        throttle.succeeded(attempt);
        LdapDirectory.DirectoryUser found = member.get();
        Set<String> scopes = groupMappings.scopesFor(found.groups());
        TokenService.IssuedToken token = tokens.issueForDirectoryUser(found.username(), scopes, found.groups());
        ObjectNode details = where(address, SOURCE_LDAP);
        details.put("dn", found.dn());
        details.put("groups", String.join(" ", found.groups()));
        details.put("scopes", String.join(" ", scopes));
        audit.record("auth.login_succeeded", found.username(), details);
        return new Login(found.username(), scopes, token);
    }

    private static ObjectNode where(String address, String source) {
        ObjectNode details = AuditLog.details();
        details.put("address", address);
        details.put("source", source);
        return details;
    }

    /** A successful login. */
    public record Login(String username, Set<String> scopes, TokenService.IssuedToken token) {
    }
}
