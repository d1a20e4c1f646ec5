package com.goodpackagerepo.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.auth.GroupMappings;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.auth.NamespaceGrant;
import com.goodpackagerepo.auth.NamespacePattern;
import com.goodpackagerepo.auth.OidcIssuers;
import com.goodpackagerepo.json.Json;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reply records write exactly the JSON the hand-built bodies wrote (names, nesting, nulls, order): the web
 * UI and docs/API.md depend on it.
 */
class AdminRepliesTest {
    static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void groupMappings() {
        GroupMappings.Mapping mapping = new GroupMappings.Mapping("cn=devs,ou=groups",
                new LinkedHashSet<>(List.of("read", "write")), AT, "admin");
        assertEquals("{\"ok\":true,\"group_mappings\":[{\"group\":\"cn=devs,ou=groups\",\"scopes\":[\"read\",\"write\"],"
                        + "\"updated_at\":\"2030-01-01T00:00:00Z\",\"updated_by\":\"admin\"}]}",
                JsonBodies.text(new AdminReplies.GroupMappingList(List.of(AdminReplies.GroupMapping.of(mapping)))));
        assertEquals("{\"ok\":true,\"group_mapping\":{\"group\":\"cn=devs,ou=groups\",\"scopes\":[\"read\",\"write\"],"
                        + "\"updated_at\":\"2030-01-01T00:00:00Z\",\"updated_by\":\"admin\"}}",
                JsonBodies.text(new AdminReplies.OneGroupMapping(AdminReplies.GroupMapping.of(mapping))));
    }

    @Test
    void anIssuerFromTheServerConfigurationHasANullUpdatedAt() {
        OidcIssuers.Issuer issuer = new OidcIssuers.Issuer("corp", "https://id.example", "https://id.example/jwks",
                "gpr", "groups", "config", null);
        assertEquals("{\"ok\":true,\"issuer\":{\"name\":\"corp\",\"issuer\":\"https://id.example\","
                        + "\"jwks_url\":\"https://id.example/jwks\",\"audience\":\"gpr\",\"groups_claim\":\"groups\","
                        + "\"source\":\"config\",\"updated_at\":null}}",
                JsonBodies.text(new AdminReplies.OneIssuer(AdminReplies.Issuer.of(issuer))));
        assertEquals("{\"ok\":true,\"issuers\":[]}", JsonBodies.text(new AdminReplies.IssuerList(List.of())));
    }

    @Test
    void grants() {
        NamespaceGrant grant = new NamespaceGrant("g_1", NamespaceGrant.SubjectKind.GROUP, "team-web",
                NamespacePattern.parse("web-*"), NamespaceAction.ADMIN, AT, "root");
        String view = "{\"id\":\"g_1\",\"subject_kind\":\"group\",\"subject\":\"team-web\",\"pattern\":\"web-*\","
                + "\"action\":\"admin\",\"created_at\":\"2030-01-01T00:00:00Z\",\"created_by\":\"root\"}";
        assertEquals("{\"ok\":true,\"grant\":" + view + "}",
                JsonBodies.text(new AdminReplies.OneGrant(AdminReplies.Grant.of(grant))));
        assertEquals("{\"ok\":true,\"grants\":[" + view + "]}",
                JsonBodies.text(new AdminReplies.GrantList(List.of(AdminReplies.Grant.of(grant)))));
    }

    @Test
    void artifactDeletionListsRemovedTagsEvenWhenNone() {
        assertEquals("{\"ok\":true,\"deleted\":\"artifact/acme/lib/1.0.0/\",\"blob_digest\":\"sha256:ab\","
                        + "\"removed_tags\":[]}",
                JsonBodies.text(new AdminReplies.ArtifactDeleted("artifact/acme/lib/1.0.0/", "sha256:ab", List.of())));
    }

    @Test
    void gcSettingsAndRunsAndStoreCompaction() {
        assertEquals("{\"gc\":{\"enabled\":true},\"effective\":{\"grace_seconds\":60},\"ok\":true,\"revision\":7}",
                JsonBodies.text(new AdminReplies.GcSettings(Json.parse("{\"enabled\":true}"),
                        Json.parse("{\"grace_seconds\":60}"), 7)));
        assertEquals("{\"ok\":true,\"schedule\":{\"next\":null},\"runs\":[{\"id\":\"r1\"}]}",
                JsonBodies.text(new AdminReplies.GcRunList(Json.parse("{\"next\":null}"),
                        List.of(Json.parse("{\"id\":\"r1\"}")))));
        assertEquals("{\"ok\":true,\"compaction\":{\"bytes_before\":10,\"bytes_after\":4,\"duration_ms\":3,"
                        + "\"reads_paused_ms\":1},\"stats\":{}}",
                JsonBodies.text(new AdminReplies.Compacted(new AdminReplies.CompactionView(10, 4, 3, 1),
                        Json.object())));
    }

    @Test
    void aNewApiTokenAndBackups() {
        assertEquals("{\"ok\":true,\"token\":\"gpr_x\",\"api_token\":{\"id\":\"t1\"},\"message\":\"Store it\"}",
                JsonBodies.text(new Replies.TokenCreated("gpr_x", Json.parse("{\"id\":\"t1\"}"), "Store it")));
        assertEquals("{\"ok\":true,\"directory\":\"/var/backups\",\"backups\":[{\"name\":\"b1\"}]}",
                JsonBodies.text(new AdminReplies.BackupList("/var/backups",
                        List.of((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{\"name\":\"b1\"}")))));
        assertEquals("{\"ok\":true,\"interval_seconds\":60,\"samples\":[]}",
                JsonBodies.text(new AdminReplies.MetricsSamples(60, Json.array())));
    }
}
