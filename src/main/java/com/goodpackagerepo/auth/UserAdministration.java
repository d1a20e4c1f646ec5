package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * What an admin may do to accounts. Every change that affects a user's tokens (scopes, disable, password
 * reset) raises the user's token version, so tokens issued before stop working at once. The last enabled
 * admin can be neither removed, disabled nor demoted. Every change is an audit event ({@code user.*}).
 */
@ApplicationScoped
public class UserAdministration {
    @Inject
    UserService users;
    @Inject
    JpaUserRepository repository;
    @Inject
    ApiTokenService apiTokens;
    @Inject
    AuditLog audit;

    public List<UserRow> page(String after, int limit) {
        return users.page(after, limit);
    }

    public UserRow get(String username) {
        return users.find(username).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    public UserRow create(String by, String username, String password, Set<String> scopes) {
        UserRow user = users.create(username, password, scopes);
        audit.record("user.created", by, state(null, user));
        return user;
    }

    public synchronized UserRow update(String by, String username, Set<String> scopes, Boolean enabled, String password) {
        UserRow current = get(username);
        boolean losesAdmin = (scopes != null && !scopes.contains("admin")) || Boolean.FALSE.equals(enabled);
        if (current.getScopes().contains("admin") && current.isEnabled() && losesAdmin && enabledAdmins() <= 1) {
            throw new DomainException(ErrorCode.CONFLICT, "The last admin cannot be demoted or disabled");
        }
        Set<String> checkedScopes = scopes == null ? null : UserService.checkScopes(scopes);
        if (password != null) {
            users.policy().check(username, password);
        }
        String hash = password == null ? null : users.hasher().hash(password);
        long now = System.currentTimeMillis();
        UserRow updated = repository.update(username, u -> {
            if (checkedScopes != null) {
                u.setScopes(checkedScopes, now);
            }
            if (enabled != null) {
                u.setEnabled(enabled, now);
            }
            if (hash != null) {
                u.changePassword(hash, now);
            }
        }).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
        users.forget(username);
        ObjectNode details = state(current, updated);
        details.put("password_reset", password != null);
        audit.record("user.updated", by, details);
        return updated;
    }

    public synchronized void delete(String by, String username) {
        UserRow current = get(username);
        if (current.getScopes().contains("admin") && current.isEnabled() && enabledAdmins() <= 1) {
            throw new DomainException(ErrorCode.CONFLICT, "The last admin cannot be removed");
        }
        apiTokens.revokeAllOf(username);
        repository.delete(username);
        users.forget(username);
        audit.record("user.deleted", by, state(current, null));
    }

    /** Who was changed, with scopes and enabled before and after (never a password or hash). */
    private static ObjectNode state(UserRow before, UserRow after) {
        ObjectNode details = AuditLog.details();
        details.put("username", (after != null ? after : before).getUsername());
        details.set("before", before == null ? null : view(before));
        details.set("after", after == null ? null : view(after));
        return details;
    }

    private static ObjectNode view(UserRow user) {
        ObjectNode view = AuditLog.details();
        view.put("scopes", String.join(" ", user.getScopes()));
        view.put("enabled", user.isEnabled());
        return view;
    }

    private long enabledAdmins() {
        return repository.countEnabledAdmins();
    }
}
