package com.goodpackagerepo.schema;

import java.util.List;

/**
 * What a feature needs a document for. The catalog, GC (deletion, retention, tombstones), the blob cache,
 * proxied-artifact eviction and the built-in routes find "the artifact metadata" and "the tags" by role, never
 * by document name. A document gets its role from {@code storage.documents.<name>.role}, or, when no document
 * declares that role, from the shipped structure (see {@link RepositorySchema}).
 *
 * @param keyFields  placeholders its key template must have (the features render and parse keys with them)
 * @param properties properties its JSON Schema must declare (the fields the features read)
 */
public enum DocumentRole {
    ARTIFACT_METADATA("artifact_metadata", List.of("namespace", "name", "version"), List.of("blob_digest")),
    TAG("tag", List.of("namespace", "name", "tag"), List.of("target_key"));

    private final String id;
    private final List<String> keyFields;
    private final List<String> properties;

    DocumentRole(String id, List<String> keyFields, List<String> properties) {
        this.id = id;
        this.keyFields = keyFields;
        this.properties = properties;
    }

    /** The value of {@code storage.documents.<name>.role}. */
    public String id() {
        return id;
    }

    public List<String> keyFields() {
        return keyFields;
    }

    public List<String> properties() {
        return properties;
    }

    /** The role called {@code id}, or null. */
    public static DocumentRole of(String id) {
        for (DocumentRole role : values()) {
            if (role.id.equals(id)) {
                return role;
            }
        }
        return null;
    }
}
