package com.goodpackagerepo.auth;

import com.goodpackagerepo.auth.jpa.GroupMappingRow;
import com.goodpackagerepo.auth.jpa.JpaIdentityRepository;
import com.goodpackagerepo.auth.jpa.OidcIssuerRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Group mappings and issuers in memory. */
class FakeIdentityRepository extends JpaIdentityRepository {
    final Map<String, GroupMappingRow> mappings = new TreeMap<>();
    final Map<String, OidcIssuerRow> issuers = new TreeMap<>();
    int mappingLoads;

    @Override
    public List<GroupMappingRow> groupMappings() {
        mappingLoads++;
        return new ArrayList<>(mappings.values());
    }

    @Override
    public GroupMappingRow putGroupMapping(String group, Consumer<GroupMappingRow> change, Supplier<GroupMappingRow> create) {
        GroupMappingRow row = mappings.get(group);
        if (row == null) {
            row = create.get();
            mappings.put(group, row);
        } else {
            change.accept(row);
        }
        return row;
    }

    @Override
    public Optional<GroupMappingRow> deleteGroupMapping(String group) {
        return Optional.ofNullable(mappings.remove(group));
    }

    @Override
    public List<OidcIssuerRow> issuers() {
        return new ArrayList<>(issuers.values());
    }

    @Override
    public OidcIssuerRow putIssuer(String name, Consumer<OidcIssuerRow> change, Supplier<OidcIssuerRow> create) {
        OidcIssuerRow row = issuers.get(name);
        if (row == null) {
            row = create.get();
            issuers.put(name, row);
        } else {
            change.accept(row);
        }
        return row;
    }

    @Override
    public Optional<OidcIssuerRow> deleteIssuer(String name) {
        return Optional.ofNullable(issuers.remove(name));
    }
}
