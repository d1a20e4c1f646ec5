package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A namespace grant as stored; {@code auth.NamespaceGrants} turns it into a typed grant. */
@Entity
@Table(name = "gpr_namespace_grant")
public class GrantRow {
    @Id
    @Column(name = "grant_id", length = 40)
    private String grantId;

    @Column(name = "subject_kind", nullable = false, length = 8)
    private String subjectKind;

    @Column(name = "subject", nullable = false, length = 256)
    private String subject;

    @Column(name = "pattern", nullable = false, length = 130)
    private String pattern;

    @Column(name = "action", nullable = false, length = 8)
    private String action;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "created_by", nullable = false, length = 128)
    private String createdBy;

    protected GrantRow() {
    }

    public GrantRow(String grantId, String subjectKind, String subject, String pattern, String action, long createdAt,
                    String createdBy) {
        this.grantId = grantId;
        this.subjectKind = subjectKind;
        this.subject = subject;
        this.pattern = pattern;
        this.action = action;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getGrantId() {
        return grantId;
    }

    public String getSubjectKind() {
        return subjectKind;
    }

    public String getSubject() {
        return subject;
    }

    public String getPattern() {
        return pattern;
    }

    public String getAction() {
        return action;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
