package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.JpaIdentityRepository;
import com.goodpackagerepo.auth.jpa.OidcIssuerRow;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The external OpenID Connect issuers whose tokens are accepted, by name: stored in the database and edited through
 * {@code /admin/auth/issuers}, plus read-only ones from MicroProfile Config for bootstrap ({@code gpr.oidc.issuers}
 * lists names; {@code gpr.oidc.<name>.issuer}, {@code .jwks-url}, {@code .audience}, {@code .groups-claim}). Lookups
 * use a snapshot reloaded after every change here and at most {@link #RELOAD_MILLIS} after one on another node.
 * Changes are audited ({@code auth.issuer_set}, {@code auth.issuer_deleted}).
 */
@ApplicationScoped
public class OidcIssuers {
    static final long RELOAD_MILLIS = 10_000;
    static final String DEFAULT_GROUPS_CLAIM = "groups";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:/-]{1,128}");

    @Inject
    JpaIdentityRepository repository;
    @Inject
    AuthSettings settings;
    @Inject
    AuditLog audit;

    private volatile Snapshot snapshot;

    /** One external issuer; {@code source} is {@code database} or {@code config} (read-only). */
    public record Issuer(String name, String issuer, String jwksUrl, String audience, String groupsClaim,
                         String source, Instant updatedAt) {
    }

    private record Snapshot(Map<String, Issuer> byName, Map<String, Issuer> byIssuer, long loadedAt) {
    }

    public List<Issuer> list() {
        return List.copyOf(current().byName().values());
    }

    public Issuer get(String name) {
        Issuer issuer = current().byName().get(name);
        if (issuer == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No issuer named " + name);
        }
        return issuer;
    }

    /** Whether any external issuer is configured (when none, bearer JWTs need no issuer look-up). */
    public boolean any() {
        return !current().byName().isEmpty();
    }

    /** The configured issuer whose {@code iss} value is {@code iss}. */
    public Optional<Issuer> byIssuer(String iss) {
        return Optional.ofNullable(current().byIssuer().get(iss));
    }

    public synchronized Issuer put(String by, String name, String issuer, String jwksUrl, String audience, String groupsClaim) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "name must match " + NAME.pattern());
        }
        Issuer existing = current().byName().get(name);
        if (existing != null && "config".equals(existing.source())) {
            throw new DomainException(ErrorCode.CONFLICT, "Issuer " + name + " is set in the server's configuration");
        }
        check(issuer, jwksUrl, audience, groupsClaim);
        Issuer other = current().byIssuer().get(issuer);
        if (other != null && !other.name().equals(name)) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "Issuer " + issuer + " is configured as " + other.name());
        }
        long now = System.currentTimeMillis();
        OidcIssuerRow row = repository.putIssuer(name, r -> r.set(issuer, jwksUrl, audience, groupsClaim, now),
                () -> new OidcIssuerRow(name, issuer, jwksUrl, audience, groupsClaim, now));
        snapshot = null;
        Issuer stored = view(row);
        ObjectNode details = details(stored);
        details.put("created", existing == null);
        audit.record("auth.issuer_set", by, details);
        return stored;
    }

    public synchronized void delete(String by, String name) {
        Issuer existing = get(name);
        if ("config".equals(existing.source())) {
            throw new DomainException(ErrorCode.CONFLICT, "Issuer " + name + " is set in the server's configuration");
        }
        repository.deleteIssuer(name);
        snapshot = null;
        audit.record("auth.issuer_deleted", by, details(existing));
    }

    private void check(String issuer, String jwksUrl, String audience, String groupsClaim) {
        if (issuer == null || issuer.isBlank() || issuer.length() > 512) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "issuer must be 1 to 512 characters");
        }
        if (issuer.equals(settings.issuer())) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "issuer is this server's own token issuer");
        }
        URI url;
        try {
            url = jwksUrl == null ? null : URI.create(jwksUrl);
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null || url.getHost() == null || jwksUrl.length() > 1024
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "jwks_url must be an http(s) URL");
        }
        if (audience == null || audience.isBlank() || audience.length() > 255) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "audience must be 1 to 255 characters");
        }
        if (groupsClaim == null || !CLAIM.matcher(groupsClaim).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "groups_claim must match " + CLAIM.pattern());
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.currentTimeMillis();
        if (s == null || now - s.loadedAt() > RELOAD_MILLIS) {
            Map<String, Issuer> byName = new LinkedHashMap<>();
            configured().forEach(i -> byName.put(i.name(), i));
            for (OidcIssuerRow row : repository.issuers()) {
                byName.putIfAbsent(row.getName(), view(row));
            }
            Map<String, Issuer> byIssuer = new LinkedHashMap<>();
            byName.values().forEach(i -> byIssuer.putIfAbsent(i.issuer(), i));
            s = new Snapshot(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(byIssuer), now);
            snapshot = s;
        }
        return s;
    }

    /** The issuers from MicroProfile Config ({@code gpr.oidc.issuers=a,b}); a bad one is skipped, not fatal. */
    private List<Issuer> configured() {
        Config config = ConfigProvider.getConfig();
        List<Issuer> list = new ArrayList<>();
        for (String name : config.getOptionalValue("gpr.oidc.issuers", String.class).orElse("").split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                continue;
            }
            String prefix = "gpr.oidc." + n + ".";
            String issuer = config.getOptionalValue(prefix + "issuer", String.class).orElse(null);
            String jwksUrl = config.getOptionalValue(prefix + "jwks-url", String.class).orElse(null);
            String audience = config.getOptionalValue(prefix + "audience", String.class).orElse(null);
            String claim = config.getOptionalValue(prefix + "groups-claim", String.class).orElse(DEFAULT_GROUPS_CLAIM);
            try {
                check(issuer, jwksUrl, audience, claim);
                list.add(new Issuer(n, issuer, jwksUrl, audience, claim, "config", null));
            } catch (DomainException e) {
                java.util.logging.Logger.getLogger(OidcIssuers.class.getName())
                        .warning(() -> "OIDC issuer " + n + " in the configuration is ignored: " + e.getMessage());
            }
        }
        return list;
    }

    private static Issuer view(OidcIssuerRow row) {
        return new Issuer(row.getName(), row.getIssuer(), row.getJwksUrl(), row.getAudience(), row.getGroupsClaim(),
                "database", Instant.ofEpochMilli(row.getUpdatedAt()));
    }

    private static ObjectNode details(Issuer issuer) {
        ObjectNode details = AuditLog.details();
        details.put("name", issuer.name());
        details.put("issuer", issuer.issuer());
        details.put("jwks_url", issuer.jwksUrl());
        details.put("audience", issuer.audience());
        details.put("groups_claim", issuer.groupsClaim());
        return details;
    }
}
