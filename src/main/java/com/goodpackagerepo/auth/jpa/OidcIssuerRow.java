package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An external OpenID Connect issuer whose tokens the server accepts. */
@Entity
@Table(name = "gpr_oidc_issuer")
public class OidcIssuerRow {
    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "issuer", nullable = false, length = 512)
    private String issuer;

    @Column(name = "jwks_url", nullable = false, length = 1024)
    private String jwksUrl;

    @Column(name = "audience", nullable = false, length = 255)
    private String audience;

    @Column(name = "groups_claim", nullable = false, length = 128)
    private String groupsClaim;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected OidcIssuerRow() {
    }

    public OidcIssuerRow(String name, String issuer, String jwksUrl, String audience, String groupsClaim, long now) {
        this.name = name;
        set(issuer, jwksUrl, audience, groupsClaim, now);
    }

    public void set(String newIssuer, String newJwksUrl, String newAudience, String newGroupsClaim, long now) {
        this.issuer = newIssuer;
        this.jwksUrl = newJwksUrl;
        this.audience = newAudience;
        this.groupsClaim = newGroupsClaim;
        this.updatedAt = now;
    }

    public String getName() {
        return name;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getJwksUrl() {
        return jwksUrl;
    }

    public String getAudience() {
        return audience;
    }

    public String getGroupsClaim() {
        return groupsClaim;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }
}
