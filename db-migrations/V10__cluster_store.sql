-- Cluster mode (gpr.cluster.mode=cluster): PostgreSQL holds the authoritative metadata; every node's LMDB is a
-- replica fed by gpr_cluster_batch. Created on every database so that the migration history is one; only cluster
-- mode (PostgreSQL) writes these tables. Portable SQL (H2 and PostgreSQL).

-- Documents: key → bytes; version counts the writes of the key (1 on insert).
CREATE TABLE gpr_cluster_document (
    doc_key    VARCHAR(2048) NOT NULL PRIMARY KEY,
    doc_value  BYTEA         NOT NULL,
    version    BIGINT        NOT NULL
);

-- Secondary index rows, one per (index, identity); identity_hash is the SHA-256 of the row's identity key.
CREATE TABLE gpr_cluster_index_row (
    index_name     VARCHAR(200)  NOT NULL,
    identity_hash  VARCHAR(64)   NOT NULL,
    definition     VARCHAR(2000) NOT NULL,
    row_value      BYTEA         NOT NULL,
    PRIMARY KEY (index_name, identity_hash)
);

-- The one counter row: taken (UPDATE … RETURNING) at the end of every write transaction, so batches and events
-- commit in the order of their numbers and a reader that has seen n has seen everything below n.
CREATE TABLE gpr_cluster_counter (
    id         INTEGER NOT NULL PRIMARY KEY,
    batch_seq  BIGINT  NOT NULL,
    event_seq  BIGINT  NOT NULL
);
INSERT INTO gpr_cluster_counter (id, batch_seq, event_seq) VALUES (1, 0, 0);

-- The replication log: one row per committed batch with its write-set (what replicas apply).
CREATE TABLE gpr_cluster_batch (
    seq           BIGINT       NOT NULL PRIMARY KEY,
    node_id       VARCHAR(64)  NOT NULL,
    committed_at  BIGINT       NOT NULL,
    writes        BYTEA        NOT NULL
);

-- The repository's event log (what EventLog readers see), numbered by the same counter row.
CREATE TABLE gpr_cluster_event (
    seq         BIGINT       NOT NULL PRIMARY KEY,
    event_id    VARCHAR(64)  NOT NULL UNIQUE,
    batch_seq   BIGINT       NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    payload     BYTEA        NOT NULL,
    at          VARCHAR(40)  NOT NULL
);
CREATE INDEX gpr_cluster_event_batch ON gpr_cluster_event (batch_seq);

-- Blob references: digest (hex) → documents referencing it, kept in the write transaction (GC asks here).
CREATE TABLE gpr_cluster_blob_ref (
    digest   VARCHAR(64)   NOT NULL,
    doc_key  VARCHAR(2048) NOT NULL,
    PRIMARY KEY (digest, doc_key)
);
CREATE INDEX gpr_cluster_blob_ref_doc ON gpr_cluster_blob_ref (doc_key);

-- Blob leases: a publish on any node holds one from placing its bytes until its transaction ended.
CREATE TABLE gpr_cluster_blob_lease (
    lease_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    digest      VARCHAR(64) NOT NULL,
    node_id     VARCHAR(64) NOT NULL,
    expires_at  BIGINT      NOT NULL
);
CREATE INDEX gpr_cluster_blob_lease_digest ON gpr_cluster_blob_lease (digest);

-- Singleton job runs (GC, retention, sweeps): which node ran what, when, and how it ended.
CREATE TABLE gpr_cluster_job_run (
    run_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    job          VARCHAR(100) NOT NULL,
    node_id      VARCHAR(64)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    finished_at  BIGINT,
    outcome      VARCHAR(32)
);

-- Small facts of the cluster store (the blob-reference rules gpr_cluster_blob_ref was built with).
CREATE TABLE gpr_cluster_setting (
    setting_name   VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value  VARCHAR(4000) NOT NULL
);

-- Each node's replica figures, reported by the node about once a second (the admin store page lists them).
CREATE TABLE gpr_cluster_node (
    node_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    applied_seq     BIGINT      NOT NULL,
    head_seq        BIGINT      NOT NULL,
    seconds_behind  DOUBLE PRECISION NOT NULL,
    ready           BOOLEAN     NOT NULL,
    reported_at     BIGINT      NOT NULL
);
