package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** A directory or identity-provider group and the global scopes its members hold. */
@Entity
@Table(name = "gpr_group_mapping")
public class GroupMappingRow {
    @Id
    @Column(name = "group_name", length = 255)
    private String groupName;

    /** Comma-separated, as {@link UserRow} keeps scopes. */
    @Column(name = "scopes", nullable = false, length = 255)
    private String scopes;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    @Column(name = "updated_by", length = 128)
    private String updatedBy;

    protected GroupMappingRow() {
    }

    public GroupMappingRow(String groupName, Set<String> scopes, long updatedAt, String updatedBy) {
        this.groupName = groupName;
        set(scopes, updatedAt, updatedBy);
    }

    public void set(Set<String> newScopes, long now, String by) {
        this.scopes = String.join(",", newScopes);
        this.updatedAt = now;
        this.updatedBy = by;
    }

    public String getGroupName() {
        return groupName;
    }

    public Set<String> getScopes() {
        return scopes.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(",")));
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
