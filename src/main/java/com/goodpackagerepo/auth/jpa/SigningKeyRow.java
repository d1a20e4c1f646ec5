package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A token signing key pair as a private JWK. The newest unretired key signs; all unretired keys verify. */
@Entity
@Table(name = "gpr_signing_key")
public class SigningKeyRow {
    @Id
    @Column(name = "kid", length = 64)
    private String kid;

    @Column(name = "algorithm", nullable = false, length = 16)
    private String algorithm;

    @Column(name = "private_jwk", nullable = false, length = 16000)
    private String privateJwk;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "retired_at")
    private Long retiredAt;

    protected SigningKeyRow() {
    }

    public SigningKeyRow(String kid, String algorithm, String privateJwk, long createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.privateJwk = privateJwk;
        this.createdAt = createdAt;
    }

    /** A key exactly as a backup recorded it (restore). */
    public static SigningKeyRow restored(String kid, String algorithm, String privateJwk, long createdAt, Long retiredAt) {
        SigningKeyRow row = new SigningKeyRow(kid, algorithm, privateJwk, createdAt);
        row.retiredAt = retiredAt;
        return row;
    }

    public String getKid() {
        return kid;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getPrivateJwk() {
        return privateJwk;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Long getRetiredAt() {
        return retiredAt;
    }

    public void retire(long now) {
        this.retiredAt = now;
    }
}
