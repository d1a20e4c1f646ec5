package com.goodpackagerepo.auth;

import java.time.Instant;
import java.util.Set;

/**
 * One grant: {@code action} on the namespaces {@code pattern} covers, to a user or to a group.
 *
 * @param id        stable identifier ({@code g_…})
 * @param subject   who: a user name or a group name, per {@code kind}
 */
public record NamespaceGrant(String id, SubjectKind kind, String subject, NamespacePattern pattern,
                             NamespaceAction action, Instant createdAt, String createdBy) {

    /** Whom a grant names. */
    public enum SubjectKind {
        USER, GROUP
    }

    /** Whether the grant is the caller's: its user, or one of its groups. */
    public boolean appliesTo(String user, Set<String> groups) {
        return kind == SubjectKind.USER ? subject.equals(user) : groups.contains(subject);
    }
}
