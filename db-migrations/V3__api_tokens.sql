-- Long-lived API tokens for CI. Only the SHA-256 of the secret is stored; the token is shown once.
CREATE TABLE gpr_api_token (
    token_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_username  VARCHAR(128) NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    scopes          VARCHAR(255) NOT NULL,
    secret_sha256   VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT,
    CONSTRAINT gpr_api_token_owner_name UNIQUE (owner_username, name)
);

-- Session tokens revoked before they expire (logout, refresh). Rows can go once expires_at has passed.
CREATE TABLE gpr_revoked_token (
    jti         VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at  BIGINT      NOT NULL,
    revoked_at  BIGINT      NOT NULL
);
