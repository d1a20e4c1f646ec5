package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.GrantRow;
import com.goodpackagerepo.auth.jpa.JpaGrantRepository;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Namespace grants: listed, created and deleted by admins (each change is an audit event), and read on every
 * data-plane request from a snapshot that is reloaded after a local change and at most
 * {@code gpr.grants.cache.seconds} old otherwise (so another node's change is seen within that time).
 */
@ApplicationScoped
public class NamespaceGrants {
    static final Pattern USER = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    static final Pattern GROUP = Pattern.compile("^\\S(.{0,254}\\S)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    JpaGrantRepository repository;
    @Inject
    AuditLog audit;
    @Inject
    @ConfigProperty(name = "gpr.grants.cache.seconds", defaultValue = "5")
    long cacheSeconds;

    Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot;

    /** Every grant, as of at most {@code gpr.grants.cache.seconds} ago. */
    public List<NamespaceGrant> current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.loadedAt() > cacheSeconds * 1_000_000_000L) {
            s = new Snapshot(repository.all().stream().map(NamespaceGrants::grant).toList(), now);
            snapshot = s;
        }
        return s.grants();
    }

    /** Every grant, read now. */
    public List<NamespaceGrant> list() {
        snapshot = null;
        return current();
    }

    /** Adds a grant; 400 on a bad field, 409 {@code ALREADY_EXISTS} when the same grant exists. */
    public NamespaceGrant create(String by, String kind, String subject, String pattern, String action) {
        NamespaceGrant.SubjectKind subjectKind = kind(kind);
        String who = subject(subjectKind, subject);
        NamespacePattern parsed = NamespacePattern.parse(pattern);
        NamespaceAction act = NamespaceAction.parse(action);
        boolean exists = list().stream().anyMatch(g -> g.kind() == subjectKind && g.subject().equals(who)
                && g.pattern().equals(parsed) && g.action() == act);
        if (exists) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "The grant " + act.id() + " on " + parsed + " to "
                    + subjectKind.name().toLowerCase(Locale.ROOT) + " " + who + " exists already");
        }
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        Instant now = clock.instant();
        GrantRow row = new GrantRow("g_" + HexFormat.of().formatHex(id), subjectKind.name().toLowerCase(Locale.ROOT),
                who, parsed.text(), act.id(), now.toEpochMilli(), by);
        try {
            repository.insert(row);
        } catch (RuntimeException e) {
            // the unique constraint: a concurrent create of the same grant won
            if (list().stream().anyMatch(g -> g.kind() == subjectKind && g.subject().equals(who)
                    && g.pattern().equals(parsed) && g.action() == act)) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "The grant exists already");
            }
            throw e;
        }
        snapshot = null;
        NamespaceGrant grant = grant(row);
        audit.record("grant.created", by, describe(grant));
        return grant;
    }

    /** Removes a grant; 404 when there is none with that id. */
    public NamespaceGrant delete(String by, String grantId) {
        GrantRow row = repository.find(grantId == null ? "" : grantId)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No grant " + grantId));
        if (!repository.delete(row.getGrantId())) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No grant " + grantId);
        }
        snapshot = null;
        NamespaceGrant grant = grant(row);
        audit.record("grant.deleted", by, describe(grant));
        return grant;
    }

    /** The audit details of a grant change: who got what where ({@code pattern} lets event filters match it). */
    static ObjectNode describe(NamespaceGrant grant) {
        ObjectNode details = AuditLog.details();
        details.put("grant_id", grant.id());
        details.put("subject_kind", grant.kind().name().toLowerCase(Locale.ROOT));
        details.put("subject", grant.subject());
        details.put("pattern", grant.pattern().text());
        details.put("action", grant.action().id());
        return details;
    }

    private static NamespaceGrant.SubjectKind kind(String raw) {
        if ("user".equals(raw)) {
            return NamespaceGrant.SubjectKind.USER;
        }
        if ("group".equals(raw)) {
            return NamespaceGrant.SubjectKind.GROUP;
        }
        throw new DomainException(ErrorCode.VALIDATION_ERROR, "subject_kind must be user or group");
    }

    private static String subject(NamespaceGrant.SubjectKind kind, String raw) {
        String value = raw == null ? "" : raw.strip();
        if (kind == NamespaceGrant.SubjectKind.USER && !USER.matcher(value).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "subject must be a user name: " + USER.pattern());
        }
        if (kind == NamespaceGrant.SubjectKind.GROUP && (!GROUP.matcher(value).matches()
                || value.chars().anyMatch(Character::isISOControl))) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR,
                    "subject must be a group name: 1 to 256 characters, no control characters");
        }
        return value;
    }

    static NamespaceGrant grant(GrantRow row) {
        return new NamespaceGrant(row.getGrantId(), NamespaceGrant.SubjectKind.valueOf(row.getSubjectKind().toUpperCase(Locale.ROOT)),
                row.getSubject(), new NamespacePattern(row.getPattern()), NamespaceAction.parse(row.getAction()),
                Instant.ofEpochMilli(row.getCreatedAt()), row.getCreatedBy());
    }

    private record Snapshot(List<NamespaceGrant> grants, long loadedAt) {
    }
}
