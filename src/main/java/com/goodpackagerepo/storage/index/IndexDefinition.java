package com.goodpackagerepo.storage.index;

import java.util.List;

/**
 * A secondary index as the schema declares it ({@code indexes.<name>.keys[]}).
 *
 * @param name           index name and key name, e.g. "artifact_versions"
 * @param keyFields      fields a query must give, in order, e.g. [namespace, name]
 * @param sortField      field the rows are ordered by within one key, or null (e.g. "version")
 * @param descending     true for "version:desc"
 * @param semver         true when {@code sortField} is ordered by semantic-version precedence
 * @param identityFields fields that, with the key fields, identify one row (e.g. [version, variant]);
 *                       empty for a unique index (one row per key)
 */
public record IndexDefinition(String name, List<String> keyFields, String sortField, boolean descending,
                              boolean semver, List<String> identityFields) {

    public boolean unique() {
        return identityFields.isEmpty();
    }
}
