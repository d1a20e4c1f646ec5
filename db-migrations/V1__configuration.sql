-- Repository schema, one table per section family. Bodies are the section's JSON text.
CREATE TABLE gpr_config_revision (
    id          INTEGER      NOT NULL PRIMARY KEY,
    revision    BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    updated_by  VARCHAR(128) NOT NULL
);

-- Singleton sections: capabilities, entities.versioning, storage.kv_stores, storage.documents,
-- storage.schemas, indexes, auth, caching, ops, events, replication, gc, invariants, validation, ...
CREATE TABLE gpr_config_section (
    name        VARCHAR(128)     NOT NULL PRIMARY KEY,
    position    INTEGER          NOT NULL,
    body        VARCHAR(1000000) NOT NULL
);

CREATE TABLE gpr_entity (
    name        VARCHAR(128)     NOT NULL PRIMARY KEY,
    position    INTEGER          NOT NULL,
    body        VARCHAR(1000000) NOT NULL
);

CREATE TABLE gpr_route (
    route_id    VARCHAR(64)      NOT NULL PRIMARY KEY,
    position    INTEGER          NOT NULL,
    method      VARCHAR(10)      NOT NULL,
    path        VARCHAR(1024)    NOT NULL,
    body        VARCHAR(1000000) NOT NULL
);

CREATE TABLE gpr_blob_store (
    name        VARCHAR(128)     NOT NULL PRIMARY KEY,
    position    INTEGER          NOT NULL,
    body        VARCHAR(1000000) NOT NULL
);

CREATE TABLE gpr_upstream (
    name        VARCHAR(128)     NOT NULL PRIMARY KEY,
    position    INTEGER          NOT NULL,
    body        VARCHAR(1000000) NOT NULL
);

CREATE TABLE gpr_feature (
    name        VARCHAR(128)     NOT NULL PRIMARY KEY,
    position    INTEGER          NOT NULL,
    body        VARCHAR(4000)    NOT NULL
);
