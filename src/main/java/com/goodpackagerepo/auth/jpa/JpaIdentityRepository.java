package com.goodpackagerepo.auth.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Group mappings and external issuers in JPA. Every method is its own transaction. */
@ApplicationScoped
public class JpaIdentityRepository {
    @PersistenceContext(unitName = "gpr")
    EntityManager em;

    @Transactional
    public List<GroupMappingRow> groupMappings() {
        return em.createQuery("SELECT g FROM GroupMappingRow g ORDER BY g.groupName", GroupMappingRow.class)
                .getResultList();
    }

    /** Changes the mapping of {@code group}, or creates it with {@code create}; answers the stored row. */
    @Transactional
    public GroupMappingRow putGroupMapping(String group, Consumer<GroupMappingRow> change, Supplier<GroupMappingRow> create) {
        GroupMappingRow row = em.find(GroupMappingRow.class, group);
        if (row == null) {
            row = create.get();
            em.persist(row);
        } else {
            change.accept(row);
        }
        em.flush();
        return row;
    }

    @Transactional
    public Optional<GroupMappingRow> deleteGroupMapping(String group) {
        GroupMappingRow row = em.find(GroupMappingRow.class, group);
        if (row != null) {
            em.remove(row);
        }
        return Optional.ofNullable(row);
    }

    @Transactional
    public List<OidcIssuerRow> issuers() {
        return em.createQuery("SELECT i FROM OidcIssuerRow i ORDER BY i.name", OidcIssuerRow.class).getResultList();
    }

    @Transactional
    public OidcIssuerRow putIssuer(String name, Consumer<OidcIssuerRow> change, Supplier<OidcIssuerRow> create) {
        OidcIssuerRow row = em.find(OidcIssuerRow.class, name);
        if (row == null) {
            row = create.get();
            em.persist(row);
        } else {
            change.accept(row);
        }
        em.flush();
        return row;
    }

    @Transactional
    public Optional<OidcIssuerRow> deleteIssuer(String name) {
        OidcIssuerRow row = em.find(OidcIssuerRow.class, name);
        if (row != null) {
            em.remove(row);
        }
        return Optional.ofNullable(row);
    }
}
