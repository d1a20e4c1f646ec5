package com.goodpackagerepo.auth.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Namespace grants in JPA. Every method is its own transaction. */
@ApplicationScoped
public class JpaGrantRepository {
    @PersistenceContext(unitName = "gpr")
    EntityManager em;

    /** Every grant, by subject kind, subject, pattern and action. */
    @Transactional
    public List<GrantRow> all() {
        return em.createQuery("SELECT g FROM GrantRow g ORDER BY g.subjectKind, g.subject, g.pattern, g.action",
                GrantRow.class).getResultList();
    }

    @Transactional
    public Optional<GrantRow> find(String grantId) {
        return Optional.ofNullable(em.find(GrantRow.class, grantId));
    }

    @Transactional
    public void insert(GrantRow row) {
        em.persist(row);
    }

    @Transactional
    public boolean delete(String grantId) {
        GrantRow row = em.find(GrantRow.class, grantId);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }
}
