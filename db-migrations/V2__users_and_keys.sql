CREATE TABLE gpr_user (
    username       VARCHAR(128) NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(255) NOT NULL,
    scopes         VARCHAR(255) NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    token_version  INTEGER      NOT NULL,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    row_version    BIGINT       NOT NULL
);

-- Token signing keys. The newest active key signs; every key not yet retired verifies.
CREATE TABLE gpr_signing_key (
    kid          VARCHAR(64)    NOT NULL PRIMARY KEY,
    algorithm    VARCHAR(16)    NOT NULL,
    private_jwk  VARCHAR(16000) NOT NULL,
    created_at   BIGINT         NOT NULL,
    retired_at   BIGINT
);
