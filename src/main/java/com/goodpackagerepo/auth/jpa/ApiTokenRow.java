package com.goodpackagerepo.auth.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An API token: its owner, name, scopes and the SHA-256 of its secret (never the secret itself). */
@Entity
@Table(name = "gpr_api_token")
public class ApiTokenRow {
    @Id
    @Column(name = "token_id", length = 64)
    private String tokenId;

    @Column(name = "owner_username", nullable = false, length = 128)
    private String owner;

    @Column(name = "name", nullable = false, length = 64)
    private String name;

    @Column(name = "scopes", nullable = false)
    private String scopes;

    @Column(name = "secret_sha256", nullable = false, length = 64)
    private String secretSha256;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at")
    private Long expiresAt;

    /** Namespace patterns the token is narrowed to, space-separated; null when it is not narrowed. */
    @Column(name = "namespaces", length = 2000)
    private String namespaces;

    protected ApiTokenRow() {
    }

    public ApiTokenRow(String tokenId, String owner, String name, Set<String> scopes, String secretSha256,
                       long createdAt, Long expiresAt) {
        this.tokenId = tokenId;
        this.owner = owner;
        this.name = name;
        this.scopes = String.join(",", scopes);
        this.secretSha256 = secretSha256;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public ApiTokenRow(String tokenId, String owner, String name, Set<String> scopes, String secretSha256,
                       long createdAt, Long expiresAt, List<String> namespaces) {
        this(tokenId, owner, name, scopes, secretSha256, createdAt, expiresAt);
        this.namespaces = namespaces == null || namespaces.isEmpty() ? null : String.join(" ", namespaces);
    }

    public String getTokenId() {
        return tokenId;
    }

    public String getOwner() {
        return owner;
    }

    public String getName() {
        return name;
    }

    public Set<String> getScopes() {
        return scopes.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(",")));
    }

    public String getSecretSha256() {
        return secretSha256;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    /** The namespace patterns the token is narrowed to; empty when it is not narrowed. */
    public List<String> getNamespaces() {
        return namespaces == null || namespaces.isBlank() ? List.of() : List.of(namespaces.split(" "));
    }

    /** Epoch millis after which the token stops working, or null for no expiry. */
    public Long getExpiresAt() {
        return expiresAt;
    }
}
