-- Login throttle buckets shared by every node of a cluster (Bucket4j's PostgreSQL backend; unused in single mode,
-- where the buckets are in memory). id: a hash of the client address or user name; state: Bucket4j's own encoding.
CREATE TABLE gpr_login_bucket (
    id          VARCHAR(80) NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
