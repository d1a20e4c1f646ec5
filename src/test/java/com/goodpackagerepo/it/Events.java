package com.goodpackagerepo.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the whole event log through GET /admin/events. */
final class Events {
    private Events() {
    }

    static List<JsonNode> all(String adminToken) {
        List<JsonNode> events = new ArrayList<>();
        String after = "0";
        while (after != null) {
            Http.Reply page = Http.get("/admin/events?limit=1000&after=" + after, adminToken);
            if (page.status() != 200) {
                throw new AssertionError("events: " + page.status() + " " + page.body());
            }
            page.json().path("events").forEach(events::add);
            after = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
        }
        return events;
    }

    /** Events of one type whose payload field {@code field} equals {@code value}. */
    static List<JsonNode> find(String adminToken, String type, String field, String value) {
        return all(adminToken).stream().filter(e -> e.path("type").asText().equals(type)
                && value.equals(e.path("payload").path(field).asText())).toList();
    }
}
