package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.jpa.GroupMappingRow;
import com.goodpackagerepo.auth.jpa.JpaIdentityRepository;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which global scopes the members of a directory (LDAP) or identity-provider (OIDC) group hold: group → scopes,
 * stored in the database and edited through {@code /admin/auth/group-mappings}. A caller's scopes are the union over
 * its groups; a group without a mapping grants nothing. Lookups are served from a snapshot of the (small) table,
 * reloaded after every change here and at most {@link #RELOAD_MILLIS} after a change made by another node.
 * Every change is an audit event ({@code auth.group_mapping_set}, {@code auth.group_mapping_deleted}).
 */
@ApplicationScoped
public class GroupMappings {
    static final long RELOAD_MILLIS = 10_000;
    static final int MAX_GROUP_LENGTH = 255;

    @Inject
    JpaIdentityRepository repository;
    @Inject
    AuditLog audit;

    private volatile Snapshot snapshot;

    /** One mapping as the admin API shows it. */
    public record Mapping(String group, Set<String> scopes, Instant updatedAt, String updatedBy) {
    }

    private record Snapshot(Map<String, Mapping> byGroup, long loadedAt) {
    }

    public List<Mapping> list() {
        return List.copyOf(current().byGroup().values());
    }

    public Mapping get(String group) {
        Mapping mapping = current().byGroup().get(group);
        if (mapping == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No mapping for group " + group);
        }
        return mapping;
    }

    /** The union of the scopes mapped to {@code groups}, in {@link UserService#KNOWN_SCOPES} terms. */
    public Set<String> scopesFor(Set<String> groups) {
        Map<String, Mapping> byGroup = current().byGroup();
        Set<String> scopes = new LinkedHashSet<>();
        for (String group : groups) {
            Mapping mapping = byGroup.get(group);
            if (mapping != null) {
                scopes.addAll(mapping.scopes());
            }
        }
        return scopes;
    }

    /** Creates or replaces the mapping of {@code group}. */
    public synchronized Mapping put(String by, String group, Set<String> scopes) {
        checkGroup(group);
        Set<String> checked = UserService.checkScopes(scopes);
        Mapping before = current().byGroup().get(group);
        long now = System.currentTimeMillis();
        GroupMappingRow row = repository.putGroupMapping(group, r -> r.set(checked, now, by),
                () -> new GroupMappingRow(group, checked, now, by));
        snapshot = null;
        Mapping after = view(row);
        audit.record("auth.group_mapping_set", by, details(group, before, after));
        return after;
    }

    public synchronized void delete(String by, String group) {
        GroupMappingRow row = repository.deleteGroupMapping(group)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No mapping for group " + group));
        snapshot = null;
        audit.record("auth.group_mapping_deleted", by, details(group, view(row), null));
    }

    static void checkGroup(String group) {
        if (group == null || group.isBlank() || group.length() > MAX_GROUP_LENGTH
                || group.chars().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR,
                    "group must be 1 to " + MAX_GROUP_LENGTH + " characters without control characters");
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.currentTimeMillis();
        if (s == null || now - s.loadedAt() > RELOAD_MILLIS) {
            Map<String, Mapping> byGroup = new TreeMap<>();
            for (GroupMappingRow row : repository.groupMappings()) {
                byGroup.put(row.getGroupName(), view(row));
            }
            s = new Snapshot(Collections.unmodifiableMap(byGroup), now);
            snapshot = s;
        }
        return s;
    }

    private static Mapping view(GroupMappingRow row) {
        return new Mapping(row.getGroupName(), Collections.unmodifiableSet(row.getScopes()),
                Instant.ofEpochMilli(row.getUpdatedAt()), row.getUpdatedBy());
    }

    private static ObjectNode details(String group, Mapping before, Mapping after) {
        ObjectNode details = AuditLog.details();
        details.put("group", group);
        details.put("before", before == null ? null : String.join(" ", before.scopes()));
        details.put("after", after == null ? null : String.join(" ", after.scopes()));
        return details;
    }
}
