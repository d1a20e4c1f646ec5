package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.jpa.ApiTokenRow;
import com.goodpackagerepo.json.Json;
import java.time.Instant;
import java.util.List;

/** How an API token is shown: never its secret or the secret's digest. */
public final class ApiTokenViews {
    private ApiTokenViews() {
    }

    public static ObjectNode view(ApiTokenRow row) {
        ObjectNode view = Json.object();
        view.put("id", row.getTokenId());
        view.put("name", row.getName());
        view.put("owner", row.getOwner());
        ArrayNode scopes = view.putArray("scopes");
        row.getScopes().forEach(scopes::add);
        ArrayNode namespaces = view.putArray("namespaces");
        row.getNamespaces().forEach(namespaces::add);
        view.put("created_at", Instant.ofEpochMilli(row.getCreatedAt()).toString());
        view.put("expires_at", row.getExpiresAt() == null ? null : Instant.ofEpochMilli(row.getExpiresAt()).toString());
        return view;
    }

    public static Replies.Tokens list(List<ApiTokenRow> rows) {
        return new Replies.Tokens(rows.stream().<com.fasterxml.jackson.databind.JsonNode>map(ApiTokenViews::view).toList());
    }
}
