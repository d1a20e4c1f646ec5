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
        return put(GroupMappingRow.class, group, change, create);
    }

    @Transactional
    public Optional<GroupMappingRow> deleteGroupMapping(String group) {
        return delete(GroupMappingRow.class, group);
    }

    @Transactional
    public List<OidcIssuerRow> issuers() {
        return em.createQuery("SELECT i FROM OidcIssuerRow i ORDER BY i.name", OidcIssuerRow.class).getResultList();
    }

    @Transactional
    public OidcIssuerRow putIssuer(String name, Consumer<OidcIssuerRow> change, Supplier<OidcIssuerRow> create) {
        return put(OidcIssuerRow.class, name, change, create);
    }

    @Transactional
    public Optional<OidcIssuerRow> deleteIssuer(String name) {
        return delete(OidcIssuerRow.class, name);
    }

    /** Changes the row with id {@code id}, or persists a new one from {@code create}; flushed, so conflicts surface here. */
    private <T> T put(Class<T> type, String id, Consumer<T> change, Supplier<T> create) {
        T row = em.find(type, id);
        if (row == null) {
            row = create.get();
            em.persist(row);
        } else {
            change.accept(row);
        }
        em.flush();
        return row;
    }

    private <T> Optional<T> delete(Class<T> type, String id) {
        T row = em.find(type, id);
        if (row != null) {
            em.remove(row);
        }
        return Optional.ofNullable(row);
    }
}
