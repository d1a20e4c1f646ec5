package com.goodpackagerepo.cluster;

/**
 * A change made on another node that this node's in-memory copies must follow, delivered as a CDI event by
 * {@link ClusterSignals}. {@code topic} says what changed (one of the constants), {@code payload} which item.
 */
public record ClusterSignal(String topic, String payload) {
    /** A session token was revoked: payload {@code <jti> <expires-at-epoch-millis>}. */
    public static final String TOKEN_REVOKED = "token.revoked";
    /** An API token was revoked or replaced: payload its id. */
    public static final String API_TOKEN_CHANGED = "api-token.changed";
    /** A user was disabled, enabled, given other scopes or a new password: payload the user name. */
    public static final String USER_CHANGED = "user.changed";
    /** The signing keys changed (rotation, retirement): payload empty. */
    public static final String SIGNING_KEYS_CHANGED = "signing-keys.changed";
    /** The configuration changed: payload its new revision. */
    public static final String CONFIG_CHANGED = "config.changed";
    /** Artifacts were deleted: cached responses must go; payload empty. */
    public static final String RESPONSES_INVALID = "responses.invalid";

    public boolean is(String t) {
        return topic.equals(t);
    }
}
