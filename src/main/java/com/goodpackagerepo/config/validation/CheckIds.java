package com.goodpackagerepo.config.validation;

/**
 * Ids of the always-on structural checks. Checks declared by the schema itself keep their own ids.
 */
public final class CheckIds {

    /** The document root is not a JSON object. */
    public static final String SCHEMA_SHAPE = "val.schema_shape";
    /** A route's id, method, path, tags or pipeline is malformed. */
    public static final String ROUTE_SHAPE = "val.route_shape";
    /** Two routes share method and path template, or a route claims a reserved first segment. */
    public static final String ROUTE_CONFLICTS = "val.route_conflicts";
    /** A replication apply pipeline is malformed. */
    public static final String PIPELINE_SHAPE = "val.pipeline_shape";
    /** A pipeline is longer than {@code ops.limits.max_pipeline_ops}. */
    public static final String MAX_PIPELINE_OPS = "ops.limits.max_pipeline_ops";
    /** An op is unknown to this server or its arguments do not match its {@link com.goodpackagerepo.schema.op.OpSpec}. */
    public static final String OP_ARGS = "val.op_args";
    /** A JSON Schema under {@code storage.schemas} or {@code events.types[].schema} does not compile. */
    public static final String JSON_SCHEMAS = "val.json_schemas";
    /** An entry of {@code validation.load_time_checks} / {@code runtime_checks} is malformed. */
    public static final String CHECK_SHAPE = "val.check_shape";
    /** A document role a feature needs is missing, ambiguous or unusable ({@code storage.documents.*.role}). */
    public static final String DOCUMENT_ROLES = "val.document_roles";
    /** An entry of {@code invariants.global} is malformed. */
    public static final String INVARIANT_SHAPE = "val.invariant_shape";

    /** An event type lacks an apply pipeline, or its apply pipeline cannot run from the event's payload alone. */
    public static final String REPLICATION_APPLY = "val.replication_apply";

    /** A blob store under {@code storage.blob_stores} is malformed, or names credentials (they never go in the schema). */
    public static final String BLOB_STORES = "val.blob_stores";

    private CheckIds() {
    }
}
