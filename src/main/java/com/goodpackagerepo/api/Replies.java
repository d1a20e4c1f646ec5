package com.goodpackagerepo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;

/**
 * The JSON bodies of the fixed endpoints, as records serialized by the application's Jackson mapper
 * ({@link JsonBodies#ok(Object)}). Field names are the wire names; every success body carries {@code "ok": true}.
 */
public final class Replies {
    private Replies() {
    }

    /** A success with nothing more to say. */
    public record Done(boolean ok) {
        public static final Done OK = new Done(true);
    }

    /** A success with a message for the person (and, after a password change, the new session). */
    public record Message(boolean ok, String message) {
        public Message(String message) {
            this(true, message);
        }
    }

    /** A user as the token endpoints describe it. */
    public record User(String username, Collection<String> scopes) {
    }

    /** A new session token. */
    public record Session(boolean ok, String token, @JsonProperty("expires_at") String expiresAt,
                          @JsonProperty("expires_in") long expiresIn, User user) {
        public Session(String token, String expiresAt, long expiresIn, User user) {
            this(true, token, expiresAt, expiresIn, user);
        }
    }

    /** The caller of {@code GET /auth/me}; {@code expires_at} only for tokens that expire. */
    public record Me(boolean ok, User user, @JsonProperty("token_kind") String tokenKind,
                     @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.NON_NULL) String expiresAt,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Collection<String> groups,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String issuer) {
        public Me(User user, String tokenKind, String expiresAt) {
            this(true, user, tokenKind, expiresAt, List.of(), null);
        }

        /** With the directory or identity-provider groups, and the issuer of an external token. */
        public Me(User user, String tokenKind, String expiresAt, Collection<String> groups, String issuer) {
            this(true, user, tokenKind, expiresAt, groups, issuer);
        }
    }

    /** After a password change: the message and the session that replaces the caller's old ones. */
    public record PasswordChanged(boolean ok, String message, String token, @JsonProperty("expires_at") String expiresAt) {
        public PasswordChanged(String message, String token, String expiresAt) {
            this(true, message, token, expiresAt);
        }
    }

    /** A new API token: the secret, shown once, and the token as {@code ApiTokenViews.view} describes it. */
    public record TokenCreated(boolean ok, String token, @JsonProperty("api_token") JsonNode apiToken, String message) {
        public TokenCreated(String token, JsonNode apiToken, String message) {
            this(true, token, apiToken, message);
        }
    }

    /** A list of API tokens (each as {@code ApiTokenViews.view}). */
    public record Tokens(boolean ok, List<JsonNode> tokens) {
        public Tokens(List<JsonNode> tokens) {
            this(true, tokens);
        }
    }

    /** One page of users; {@code next_cursor} is null on the last page. */
    public record Users(boolean ok, List<JsonNode> users, @JsonProperty("next_cursor") String nextCursor) {
        public Users(List<JsonNode> users, String nextCursor) {
            this(true, users, nextCursor);
        }
    }

    /** One user. */
    public record OneUser(boolean ok, JsonNode user) {
        public OneUser(JsonNode user) {
            this(true, user);
        }
    }

    /** A signing key as {@code GET /admin/keys} lists it. */
    public record Key(String kid, String algorithm, @JsonProperty("created_at") String createdAt,
                      @JsonProperty("retired_at") String retiredAt, boolean signing) {
    }

    /** The signing keys; after a rotation, {@code kid} names the new signing key. */
    public record Keys(boolean ok, List<Key> keys, @JsonInclude(JsonInclude.Include.NON_NULL) String kid) {
        public Keys(List<Key> keys, String kid) {
            this(true, keys, kid);
        }
    }

    /** An event of the durable log. */
    public record Event(long seq, @JsonProperty("event_id") String eventId, String type, JsonNode payload, String at) {
    }

    /** One page of events; {@code next_cursor} is the last sequence number shown, null on the last page. */
    public record Events(boolean ok, List<Event> events, @JsonProperty("next_cursor") String nextCursor, long length) {
        public Events(List<Event> events, String nextCursor, long length) {
            this(true, events, nextCursor, length);
        }
    }

    /** One page of store keys under a prefix. */
    public record StoreKeys(boolean ok, String prefix, List<String> keys, @JsonProperty("next_cursor") String nextCursor) {
        public StoreKeys(String prefix, List<String> keys, String nextCursor) {
            this(true, prefix, keys, nextCursor);
        }
    }
}
