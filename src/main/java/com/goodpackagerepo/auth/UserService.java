package com.goodpackagerepo.auth;

import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.cluster.ClusterSignals;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * User accounts: login checks, password changes, and a small in-memory view of each user's token state so
 * that verifying a token needs no database round trip (refreshed whenever this service changes a user).
 */
@ApplicationScoped
public class UserService {
    public static final Set<String> KNOWN_SCOPES = Set.of("read", "write", "admin", "metrics");
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    @Inject
    JpaUserRepository repository;
    @Inject
    AuthSettings settings;
    @Inject
    AuditLog audit;
    @Inject
    ClusterSignals signals;

    private PasswordHasher hasher;
    private PasswordPolicy policy;
    /** A hash to verify against when the user does not exist, made on first need (bcrypt at start-up costs ~1 s of CPU). */
    private volatile String dummyHash;
    private final Map<String, Optional<UserState>> states = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        hasher = new PasswordHasher(settings.bcryptCost());
        policy = new PasswordPolicy(settings.passwordMinLength());
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            synchronized (this) {
                if (dummyHash == null) {
                    dummyHash = hasher.hash("timing-equalizer-" + System.nanoTime());
                }
                hash = dummyHash;
            }
        }
        return hash;
    }

    /** The user when the password matches and the account is enabled; equal time whether or not it exists. */
    public Optional<UserRow> authenticate(String username, String password) {
        Optional<UserRow> user = repository.find(username);
        boolean matches = hasher.verify(password, user.map(UserRow::getPasswordHash).orElseGet(this::dummyHash));
        return user.filter(u -> matches && u.isEnabled());
    }

    public Optional<UserRow> find(String username) {
        return repository.find(username);
    }

    /** Sets a new password after checking the old one; voids every token issued before. */
    public UserRow changePassword(String username, String oldPassword, String newPassword) {
        UserRow user = authenticate(username, oldPassword)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "Current password is wrong"));
        policy.check(username, newPassword);
        if (hasher.verify(newPassword, user.getPasswordHash())) {
            throw new DomainException(ErrorCode.WEAK_PASSWORD, "New password must differ from the current one (rule: reuse)");
        }
        String hash = hasher.hash(newPassword);
        UserRow updated = repository.update(username, u -> u.changePassword(hash, System.currentTimeMillis()))
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "No such user"));
        forget(username);
        audit.record("auth.password_changed", username, null);
        return updated;
    }

    public UserRow create(String username, String password, Set<String> scopes) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR,
                    "username must match " + USERNAME.pattern());
        }
        Set<String> checked = checkScopes(scopes);
        policy.check(username, password);
        if (repository.find(username).isPresent()) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "User " + username + " already exists");
        }
        UserRow row = new UserRow(username, hasher.hash(password), checked, System.currentTimeMillis());
        repository.insert(row);
        forget(username); // other nodes may hold "no such user" for this name
        return row;
    }

    public long count() {
        return repository.countUsers();
    }

    public List<UserRow> page(String after, int limit) {
        return repository.page(after, limit);
    }

    /** Token state of a user, cached; null when the user does not exist. */
    public UserState state(String username) {
        return states.computeIfAbsent(username, name -> repository.find(name)
                .map(u -> new UserState(u.isEnabled(), u.getTokenVersion(), u.getScopes())))
                .orElse(null);
    }

    /** Drops the cached state of a user that changed, here and (cluster mode) on every other node. */
    public void forget(String username) {
        states.remove(username);
        signals.publish(ClusterSignal.USER_CHANGED, username);
    }

    void onSignal(@Observes ClusterSignal signal) {
        if (signal.is(ClusterSignal.USER_CHANGED)) {
            states.remove(signal.payload());
        }
    }

    public PasswordPolicy policy() {
        return policy;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    static Set<String> checkScopes(Set<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "scopes must name at least one of " + KNOWN_SCOPES);
        }
        for (String scope : scopes) {
            if (!KNOWN_SCOPES.contains(scope)) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "unknown scope " + scope);
            }
        }
        return new LinkedHashSet<>(scopes);
    }

    /** What token verification needs to know about a user. */
    public record UserState(boolean enabled, int tokenVersion, Set<String> scopes) {
    }
}
