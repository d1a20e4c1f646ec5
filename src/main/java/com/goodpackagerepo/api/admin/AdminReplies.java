package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.auth.GroupMappings;
import com.goodpackagerepo.auth.NamespaceGrant;
import com.goodpackagerepo.auth.OidcIssuers;
import java.util.List;
import java.util.Locale;

/**
 * The JSON bodies of the admin endpoints, as records serialized by the application's Jackson mapper
 * ({@link com.goodpackagerepo.api.JsonBodies#ok(Object)}). Field names are the wire names (docs/API.md, the web
 * UI); every success body carries {@code "ok": true}. Components are in the order the bodies always had.
 */
final class AdminReplies {
    private AdminReplies() {
    }

    /** A group mapping: the global scopes the members of a directory or identity-provider group hold. */
    record GroupMapping(String group, List<String> scopes, @JsonProperty("updated_at") String updatedAt,
                        @JsonProperty("updated_by") String updatedBy) {
        static GroupMapping of(GroupMappings.Mapping mapping) {
            return new GroupMapping(mapping.group(), List.copyOf(mapping.scopes()), mapping.updatedAt().toString(),
                    mapping.updatedBy());
        }
    }

    record GroupMappingList(boolean ok, @JsonProperty("group_mappings") List<GroupMapping> groupMappings) {
        GroupMappingList(List<GroupMapping> groupMappings) {
            this(true, groupMappings);
        }
    }

    record OneGroupMapping(boolean ok, @JsonProperty("group_mapping") GroupMapping groupMapping) {
        OneGroupMapping(GroupMapping groupMapping) {
            this(true, groupMapping);
        }
    }

    /** An external OpenID Connect issuer; {@code updated_at} is null for one from the server's configuration. */
    record Issuer(String name, String issuer, @JsonProperty("jwks_url") String jwksUrl, String audience,
                  @JsonProperty("groups_claim") String groupsClaim, String source,
                  @JsonProperty("updated_at") String updatedAt) {
        static Issuer of(OidcIssuers.Issuer issuer) {
            return new Issuer(issuer.name(), issuer.issuer(), issuer.jwksUrl(), issuer.audience(),
                    issuer.groupsClaim(), issuer.source(),
                    issuer.updatedAt() == null ? null : issuer.updatedAt().toString());
        }
    }

    record IssuerList(boolean ok, List<Issuer> issuers) {
        IssuerList(List<Issuer> issuers) {
            this(true, issuers);
        }
    }

    record OneIssuer(boolean ok, Issuer issuer) {
        OneIssuer(Issuer issuer) {
            this(true, issuer);
        }
    }

    /** A namespace grant. */
    record Grant(String id, @JsonProperty("subject_kind") String subjectKind, String subject, String pattern,
                 String action, @JsonProperty("created_at") String createdAt,
                 @JsonProperty("created_by") String createdBy) {
        static Grant of(NamespaceGrant grant) {
            return new Grant(grant.id(), grant.kind().name().toLowerCase(Locale.ROOT), grant.subject(),
                    grant.pattern().text(), grant.action().id(), grant.createdAt().toString(), grant.createdBy());
        }
    }

    record GrantList(boolean ok, List<Grant> grants) {
        GrantList(List<Grant> grants) {
            this(true, grants);
        }
    }

    /** A grant just created or deleted. */
    record OneGrant(boolean ok, Grant grant) {
        OneGrant(Grant grant) {
            this(true, grant);
        }
    }

    /** What {@code DELETE /admin/artifacts/…} removed. */
    record ArtifactDeleted(boolean ok, String deleted, @JsonProperty("blob_digest") String blobDigest,
                           @JsonProperty("removed_tags") List<String> removedTags) {
        ArtifactDeleted(String deleted, String blobDigest, List<String> removedTags) {
            this(true, deleted, blobDigest, removedTags);
        }
    }

    /** A backup just taken (as {@code BackupService} describes it). */
    record OneBackup(boolean ok, JsonNode backup) {
        OneBackup(JsonNode backup) {
            this(true, backup);
        }
    }

    record BackupList(boolean ok, String directory, List<? extends JsonNode> backups) {
        BackupList(String directory, List<? extends JsonNode> backups) {
            this(true, directory, backups);
        }
    }

    /** The metrics history for the dashboard's charts. */
    record MetricsSamples(boolean ok, @JsonProperty("interval_seconds") long intervalSeconds, JsonNode samples) {
        MetricsSamples(long intervalSeconds, JsonNode samples) {
            this(true, intervalSeconds, samples);
        }
    }

    /** The metadata store's statistics, locations and cluster state. */
    record StoreOverview(boolean ok, JsonNode stats, JsonNode stores, JsonNode cluster) {
        StoreOverview(JsonNode stats, JsonNode stores, JsonNode cluster) {
            this(true, stats, stores, cluster);
        }
    }

    record CompactionView(@JsonProperty("bytes_before") long bytesBefore, @JsonProperty("bytes_after") long bytesAfter,
                      @JsonProperty("duration_ms") long durationMs, @JsonProperty("reads_paused_ms") long readsPausedMs) {
    }

    record Compacted(boolean ok, CompactionView compaction, JsonNode stats) {
        Compacted(CompactionView compaction, JsonNode stats) {
            this(true, compaction, stats);
        }
    }

    /** One garbage collection run (as {@code GcRun.toJson} describes it). */
    record OneGcRun(boolean ok, JsonNode run) {
        OneGcRun(JsonNode run) {
            this(true, run);
        }
    }

    /** The schedule and the runs, each without its detail lists. */
    record GcRunList(boolean ok, JsonNode schedule, List<JsonNode> runs) {
        GcRunList(JsonNode schedule, List<JsonNode> runs) {
            this(true, schedule, runs);
        }
    }

    /** The stored {@code gc} section, the policy in force, and the revision they were read from. */
    record GcSettings(JsonNode gc, JsonNode effective, boolean ok, long revision) {
        GcSettings(JsonNode gc, JsonNode effective, long revision) {
            this(gc, effective, true, revision);
        }
    }
}
