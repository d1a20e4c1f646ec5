package com.goodpackagerepo.auth.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** API tokens and revoked session tokens in JPA. Every method is its own transaction. */
@ApplicationScoped
public class JpaTokenRepository {
    @PersistenceContext(unitName = "gpr")
    EntityManager em;

    @Transactional
    public Optional<ApiTokenRow> findApiToken(String tokenId) {
        return Optional.ofNullable(em.find(ApiTokenRow.class, tokenId));
    }

    /** The tokens of one owner, or of everybody when {@code owner} is null; by owner, then name. */
    @Transactional
    public List<ApiTokenRow> apiTokens(String owner) {
        String where = owner == null ? "" : " WHERE t.owner = :owner";
        var query = em.createQuery("SELECT t FROM ApiTokenRow t" + where + " ORDER BY t.owner, t.name", ApiTokenRow.class);
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        return query.getResultList();
    }

    @Transactional
    public long countApiTokens(String owner) {
        return em.createQuery("SELECT COUNT(t) FROM ApiTokenRow t WHERE t.owner = :owner", Long.class)
                .setParameter("owner", owner).getSingleResult();
    }

    @Transactional
    public void insertApiToken(ApiTokenRow row) {
        em.persist(row);
    }

    @Transactional
    public boolean deleteApiToken(String tokenId) {
        ApiTokenRow row = em.find(ApiTokenRow.class, tokenId);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }

    /** Removes every token of a user; returns their ids. */
    @Transactional
    public List<String> deleteApiTokensOf(String owner) {
        List<String> ids = em.createQuery("SELECT t.tokenId FROM ApiTokenRow t WHERE t.owner = :owner", String.class)
                .setParameter("owner", owner).getResultList();
        em.createQuery("DELETE FROM ApiTokenRow t WHERE t.owner = :owner").setParameter("owner", owner).executeUpdate();
        return ids;
    }

    /** Revoked session tokens that have not expired yet. */
    @Transactional
    public List<RevokedTokenRow> revokedSince(long now) {
        return em.createQuery("SELECT r FROM RevokedTokenRow r WHERE r.expiresAt >= :now", RevokedTokenRow.class)
                .setParameter("now", now).getResultList();
    }

    @Transactional
    public void insertRevoked(RevokedTokenRow row) {
        if (em.find(RevokedTokenRow.class, row.getJti()) == null) {
            em.persist(row);
        }
    }

    /** Forgets revocations of tokens that have expired anyway. */
    @Transactional
    public int purgeRevokedBefore(long now) {
        return em.createQuery("DELETE FROM RevokedTokenRow r WHERE r.expiresAt < :now").setParameter("now", now)
                .executeUpdate();
    }
}
