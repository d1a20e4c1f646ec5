package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The group-mappings admin API: create, replace, read, list, delete, validation, admin only, audit. */
class GroupMappingsIT {
    private static final String BASE = "/admin/auth/group-mappings/";

    @Test
    void createReplaceReadDeleteAndAudit() {
        String admin = Http.admin();
        String group = Http.unique("team devs/ops");
        // a space (encoded) and a slash (as is) in the name, as identity providers' group names have
        String path = BASE + URLEncoder.encode(group, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");

        assertEquals(404, Http.get(path, admin).status());
        Http.Reply created = Http.putJson(path, admin, "{\"scopes\":[\"read\",\"write\"]}");
        assertEquals(200, created.status(), created.body());
        JsonNode mapping = created.json().path("group_mapping");
        assertEquals(group, mapping.path("group").asText());
        assertEquals("[\"read\",\"write\"]", mapping.path("scopes").toString());
        assertEquals("admin", mapping.path("updated_by").asText());

        Http.Reply replaced = Http.putJson(path, admin, "{\"scopes\":[\"read\"]}");
        assertEquals("[\"read\"]", replaced.json().path("group_mapping").path("scopes").toString());
        assertEquals("[\"read\"]", Http.get(path, admin).json().path("group_mapping").path("scopes").toString());
        JsonNode list = Http.get("/admin/auth/group-mappings", admin).json();
        assertTrue(list.path("ok").asBoolean());
        boolean listed = false;
        for (JsonNode m : list.path("group_mappings")) {
            listed |= m.path("group").asText().equals(group);
        }
        assertTrue(listed, list.toString());

        assertEquals(200, Http.delete(path, admin).status());
        assertEquals(404, Http.get(path, admin).status());
        assertEquals("NOT_FOUND", Http.delete(path, admin).errorCode());

        assertEquals(1, Events.find(admin, "auth.group_mapping_set", "group", group).stream()
                .filter(e -> e.path("payload").path("before").isNull()
                        && e.path("payload").path("after").asText().equals("read write")).count());
        assertEquals(1, Events.find(admin, "auth.group_mapping_set", "group", group).stream()
                .filter(e -> e.path("payload").path("before").asText().equals("read write")
                        && e.path("payload").path("after").asText().equals("read")).count());
        JsonNode deleted = Events.find(admin, "auth.group_mapping_deleted", "group", group).get(0);
        assertEquals("read", deleted.path("payload").path("before").asText());
        assertEquals("admin", deleted.path("payload").path("by").asText());
    }

    @Test
    void badBodiesAreRefusedAsJson() {
        String admin = Http.admin();
        String path = BASE + Http.unique("bad");
        assertEquals("VALIDATION_ERROR", Http.putJson(path, admin, "{\"scopes\":[\"root\"]}").errorCode());
        assertEquals("VALIDATION_ERROR", Http.putJson(path, admin, "{\"scopes\":[]}").errorCode());
        assertEquals("VALIDATION_ERROR", Http.putJson(path, admin, "{\"scopes\":\"read\"}").errorCode());
        assertEquals("VALIDATION_ERROR", Http.putJson(path, admin, "{}").errorCode());
        assertEquals("INVALID_JSON", Http.putJson(path, admin, "{").errorCode());
        assertEquals("VALIDATION_ERROR",
                Http.putJson(BASE + "g".repeat(256), admin, "{\"scopes\":[\"read\"]}").errorCode());
        assertEquals(404, Http.get(path, admin).status());
    }

    @Test
    void onlyAdminsSeeOrChangeMappings() {
        String writer = Users.token("gm-writer", "read", "write");
        Http.Reply list = Http.get("/admin/auth/group-mappings", writer);
        assertEquals(403, list.status());
        assertEquals("FORBIDDEN", list.errorCode());
        Http.Reply put = Http.putJson(BASE + "escalate", writer, "{\"scopes\":[\"admin\"]}");
        assertEquals(403, put.status());
        assertEquals(401, Http.get("/admin/auth/group-mappings", null).status());
        assertFalse(Http.get("/admin/auth/group-mappings", Http.admin()).body().contains("\"escalate\""));
    }
}
