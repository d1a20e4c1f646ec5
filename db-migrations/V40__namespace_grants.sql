-- Per-namespace permissions: an action (read|write|admin) on a namespace pattern (exact, or a trailing *) for a
-- user or a group. See docs/security.md "Namespace grants".
CREATE TABLE gpr_namespace_grant (
    grant_id      VARCHAR(40)  NOT NULL PRIMARY KEY,
    subject_kind  VARCHAR(8)   NOT NULL,
    subject       VARCHAR(256) NOT NULL,
    pattern       VARCHAR(130) NOT NULL,
    action        VARCHAR(8)   NOT NULL,
    created_at    BIGINT       NOT NULL,
    created_by    VARCHAR(128) NOT NULL,
    CONSTRAINT gpr_namespace_grant_unique UNIQUE (subject_kind, subject, pattern, action)
);

-- An API token can be narrowed to namespace patterns (space-separated; NULL: not narrowed).
ALTER TABLE gpr_api_token ADD COLUMN namespaces VARCHAR(2000);
