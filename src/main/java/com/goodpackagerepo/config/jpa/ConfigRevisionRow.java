package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row that numbers configuration changes; admin writes compare it (optimistic locking). */
@Entity
@Table(name = "gpr_config_revision")
public class ConfigRevisionRow {
    public static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "revision", nullable = false)
    private long revision;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    @Column(name = "updated_by", nullable = false, length = 128)
    private String updatedBy;

    protected ConfigRevisionRow() {
    }

    public ConfigRevisionRow(long revision, long updatedAt, String updatedBy) {
        this.revision = revision;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    public long getRevision() {
        return revision;
    }

    public void advance(long now, String by) {
        this.revision++;
        this.updatedAt = now;
        this.updatedBy = by;
    }
}
