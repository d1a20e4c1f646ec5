package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A session token (by jti) refused before its expiry; kept only until that expiry has passed. */
@Entity
@Table(name = "gpr_revoked_token")
public class RevokedTokenRow {
    @Id
    @Column(name = "jti", length = 64)
    private String jti;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "revoked_at", nullable = false)
    private long revokedAt;

    protected RevokedTokenRow() {
    }

    public RevokedTokenRow(String jti, long expiresAt, long revokedAt) {
        this.jti = jti;
        this.expiresAt = expiresAt;
        this.revokedAt = revokedAt;
    }

    public String getJti() {
        return jti;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public long getRevokedAt() {
        return revokedAt;
    }
}
