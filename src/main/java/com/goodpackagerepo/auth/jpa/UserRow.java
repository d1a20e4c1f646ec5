package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** A user account. {@code tokenVersion} grows on password change or disable and voids older tokens. */
@Entity
@Table(name = "gpr_user")
public class UserRow {
    @Id
    @Column(name = "username", length = 128)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "scopes", nullable = false)
    private String scopes;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "token_version", nullable = false)
    private int tokenVersion;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected UserRow() {
    }

    public UserRow(String username, String passwordHash, Set<String> scopes, long now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.scopes = String.join(",", scopes);
        this.enabled = true;
        this.tokenVersion = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A user exactly as a backup recorded it (restore). */
    public static UserRow restored(String username, String passwordHash, Set<String> scopes, boolean enabled,
                                   int tokenVersion, long createdAt, long updatedAt) {
        UserRow row = new UserRow(username, passwordHash, scopes, createdAt);
        row.enabled = enabled;
        row.tokenVersion = tokenVersion;
        row.updatedAt = updatedAt;
        return row;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<String> getScopes() {
        return scopes.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(",")));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getTokenVersion() {
        return tokenVersion;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    /** A new password voids every token issued before it. */
    public void changePassword(String newHash, long now) {
        this.passwordHash = newHash;
        this.tokenVersion++;
        this.updatedAt = now;
    }

    public void setScopes(Set<String> newScopes, long now) {
        this.scopes = String.join(",", newScopes);
        this.tokenVersion++;
        this.updatedAt = now;
    }

    public void setEnabled(boolean value, long now) {
        if (this.enabled != value) {
            this.enabled = value;
            this.tokenVersion++;
            this.updatedAt = now;
        }
    }
}
