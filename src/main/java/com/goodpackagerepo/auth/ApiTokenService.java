package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.ApiTokenRow;
import com.goodpackagerepo.auth.jpa.JpaTokenRepository;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.cluster.ClusterSignals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Long-lived, named, scoped API tokens for CI. A token grants at most its own scopes and at most what its
 * owner holds at the time of each request, so demoting, disabling or deleting the owner narrows or voids
 * it at once. Tokens are created only with a session token (an API token cannot mint more), listed and
 * revoked by their owner or an admin. Rows are cached for {@code gpr.api-token.cache.seconds} so a
 * request costs no database round trip; the secret's digest is compared on every request.
 */
@ApplicationScoped
public class ApiTokenService {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$");
    private static final int MAX_CACHED = 10_000;
    static final int MAX_NAMESPACES = 15;

    @Inject
    JpaTokenRepository repository;
    @Inject
    UserService users;
    @Inject
    AuthSettings settings;
    @Inject
    AuditLog audit;
    @Inject
    ClusterSignals signals;
    @Inject
    NamespaceGrants grants;

    Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Creates a token for the caller; the returned text is the only time the secret is seen. */
    public Created create(Principal caller, String name, Set<String> scopes, Instant expiresAt) {
        return create(caller, name, scopes, expiresAt, List.of());
    }

    /**
     * Creates a token narrowed to {@code namespaces} (patterns; empty: not narrowed). A scope {@code read},
     * {@code write} or {@code admin} may also be asked for by a caller who holds it only through a namespace grant:
     * such a token then uses the grants up to that action, never the global scope.
     */
    public Created create(Principal caller, String name, Set<String> scopes, Instant expiresAt, List<String> namespaces) {
        if (caller.kind() != Principal.Kind.SESSION) {
            throw new DomainException(ErrorCode.FORBIDDEN, "API tokens can only be created with a login session token");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "name must match " + NAME.pattern());
        }
        Set<String> checked = UserService.checkScopes(scopes);
        List<String> narrowed = namespaces.stream().map(n -> NamespacePattern.parse(n).text()).distinct().toList();
        if (narrowed.size() > MAX_NAMESPACES) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "namespaces may list at most " + MAX_NAMESPACES + " patterns");
        }
        if (!checked.stream().allMatch(s -> caller.scopes().contains(s) || grantedSomewhere(caller, s))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "A token's scopes must be a subset of yours " + caller.scopes());
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "expires_at must be in the future");
        }
        if (repository.countApiTokens(caller.sub()) >= settings.apiTokensPerUser()) {
            throw new DomainException(ErrorCode.CONFLICT, "You have " + settings.apiTokensPerUser()
                    + " API tokens already; revoke one first");
        }
        if (repository.apiTokens(caller.sub()).stream().anyMatch(t -> t.getName().equals(name))) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "You already have an API token named " + name);
        }
        ApiTokenFormat.Parts parts = ApiTokenFormat.generate();
        ApiTokenRow row = new ApiTokenRow(parts.id(), caller.sub(), name, checked, ApiTokenFormat.sha256(parts.secret()),
                now.toEpochMilli(), expiresAt == null ? null : expiresAt.toEpochMilli(), narrowed);
        repository.insertApiToken(row);
        cache.remove(parts.id());
        audit.record("auth.api_token_created", caller.sub(), describe(row));
        return new Created(parts.text(), row);
    }

    /** Whether one of the caller's grants holds the namespace action that {@code scope} names. */
    private boolean grantedSomewhere(Principal caller, String scope) {
        NamespaceAction action = NamespaceAction.ofScope(scope);
        return action != null && grants.current().stream()
                .anyMatch(g -> g.appliesTo(caller.sub(), caller.groups()) && g.action().covers(action));
    }

    /** What the API token {@code tokenId} was created with: its grant ceiling and namespaces (from the cache). */
    public ApiTokenLimits limits(String tokenId) {
        ApiTokenRow row = tokenId == null ? null : lookup(tokenId).orElse(null);
        if (row == null) {
            return new ApiTokenLimits(null, List.of(new NamespacePattern("")));
        }
        NamespaceAction ceiling = null;
        for (String scope : row.getScopes()) {
            NamespaceAction action = NamespaceAction.ofScope(scope);
            if (action != null && (ceiling == null || action.covers(ceiling))) {
                ceiling = action;
            }
        }
        return new ApiTokenLimits(ceiling, row.getNamespaces().stream().map(NamespacePattern::new).toList());
    }

    /** The tokens of {@code owner}, or of every user when null. */
    public List<ApiTokenRow> list(String owner) {
        return repository.apiTokens(owner);
    }

    /** Revokes a token of the caller's own, or any token for an admin; 404 otherwise (existence is not told). */
    public void revoke(Principal caller, String tokenId) {
        ApiTokenRow row = repository.findApiToken(tokenId)
                .filter(t -> t.getOwner().equals(caller.sub()) || caller.hasScope("admin"))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such API token"));
        repository.deleteApiToken(tokenId);
        cache.remove(tokenId);
        signals.publish(ClusterSignal.API_TOKEN_CHANGED, tokenId);
        audit.record("auth.api_token_revoked", caller.sub(), describe(row));
    }

    /** Revokes every token of a user (the user is being deleted). */
    public void revokeAllOf(String owner) {
        for (String id : repository.deleteApiTokensOf(owner)) {
            cache.remove(id);
            signals.publish(ClusterSignal.API_TOKEN_CHANGED, id);
        }
    }

    /** A token revoked on another node (cluster mode): its cached row goes, so the next use reads the database. */
    void onSignal(@Observes ClusterSignal signal) {
        if (signal.is(ClusterSignal.API_TOKEN_CHANGED)) {
            cache.remove(signal.payload());
        }
    }

    /** The caller an API token stands for. */
    public Principal verify(String token) throws InvalidTokenException {
        ApiTokenFormat.Parts parts = ApiTokenFormat.parse(token);
        if (parts == null) {
            throw new InvalidTokenException("malformed API token");
        }
        Optional<ApiTokenRow> found = lookup(parts.id());
        if (found.isEmpty() || !ApiTokenFormat.sameDigest(found.get().getSecretSha256(), ApiTokenFormat.sha256(parts.secret()))) {
            throw new InvalidTokenException("unknown or revoked API token");
        }
        ApiTokenRow row = found.get();
        Instant now = clock.instant();
        if (row.getExpiresAt() != null && row.getExpiresAt() <= now.toEpochMilli()) {
            throw new InvalidTokenException("API token expired");
        }
        UserService.UserState owner = users.state(row.getOwner());
        if (owner == null || !owner.enabled()) {
            throw new InvalidTokenException("token revoked");
        }
        Set<String> scopes = new LinkedHashSet<>(row.getScopes());
        scopes.retainAll(owner.scopes());
        return new Principal(row.getOwner(), scopes, row.getTokenId(), false, Principal.Kind.API_TOKEN,
                row.getExpiresAt() == null ? null : Instant.ofEpochMilli(row.getExpiresAt()), null);
    }

    private Optional<ApiTokenRow> lookup(String id) {
        long now = System.nanoTime();
        Cached cached = cache.get(id);
        if (cached != null && now - cached.loadedAt() < settings.apiTokenCacheSeconds() * 1_000_000_000L) {
            return cached.row();
        }
        Optional<ApiTokenRow> row = repository.findApiToken(id);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(id, new Cached(row, now));
        return row;
    }

    static ObjectNode describe(ApiTokenRow row) {
        ObjectNode details = AuditLog.details();
        details.put("token_id", row.getTokenId());
        details.put("owner", row.getOwner());
        details.put("name", row.getName());
        details.put("scopes", String.join(" ", row.getScopes()));
        if (!row.getNamespaces().isEmpty()) {
            details.put("namespaces", String.join(" ", row.getNamespaces()));
        }
        return details;
    }

    private record Cached(Optional<ApiTokenRow> row, long loadedAt) {
    }

    /** A new token: the text to show once, and what was stored. */
    public record Created(String token, ApiTokenRow row) {
    }
}
