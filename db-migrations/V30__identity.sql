-- Directory and identity-provider groups mapped to the global scopes (auth.GroupMappings).
CREATE TABLE gpr_group_mapping (
    group_name  VARCHAR(255) NOT NULL PRIMARY KEY,
    scopes      VARCHAR(255) NOT NULL,
    updated_at  BIGINT       NOT NULL,
    updated_by  VARCHAR(128)
);

-- External OpenID Connect issuers whose tokens are accepted (auth.OidcIssuers), by a short name.
CREATE TABLE gpr_oidc_issuer (
    name          VARCHAR(64)   NOT NULL PRIMARY KEY,
    issuer        VARCHAR(512)  NOT NULL,
    jwks_url      VARCHAR(1024) NOT NULL,
    audience      VARCHAR(255)  NOT NULL,
    groups_claim  VARCHAR(128)  NOT NULL,
    updated_at    BIGINT        NOT NULL,
    CONSTRAINT gpr_oidc_issuer_issuer UNIQUE (issuer)
);
