package com.goodpackagerepo.auth.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Users and signing keys in JPA. Every method is its own transaction. */
@ApplicationScoped
public class JpaUserRepository {
    @PersistenceContext(unitName = "gpr")
    EntityManager em;

    @Transactional
    public Optional<UserRow> find(String username) {
        return Optional.ofNullable(em.find(UserRow.class, username));
    }

    @Transactional
    public long countUsers() {
        return em.createQuery("SELECT COUNT(u) FROM UserRow u", Long.class).getSingleResult();
    }

    @Transactional
    public long countEnabledAdmins() {
        return em.createQuery("SELECT COUNT(u) FROM UserRow u WHERE u.enabled = TRUE AND u.scopes LIKE :admin", Long.class)
                .setParameter("admin", "%admin%").getSingleResult();
    }

    @Transactional
    public List<UserRow> page(String afterUsername, int limit) {
        return em.createQuery("SELECT u FROM UserRow u WHERE u.username > :after ORDER BY u.username", UserRow.class)
                .setParameter("after", afterUsername == null ? "" : afterUsername)
                .setMaxResults(limit)
                .getResultList();
    }

    @Transactional
    public void insert(UserRow user) {
        em.persist(user);
    }

    /** Loads, changes and saves one user in one transaction; empty when there is no such user. */
    @Transactional
    public Optional<UserRow> update(String username, Consumer<UserRow> change) {
        UserRow user = em.find(UserRow.class, username);
        if (user == null) {
            return Optional.empty();
        }
        change.accept(user);
        em.flush();
        return Optional.of(user);
    }

    @Transactional
    public boolean delete(String username) {
        UserRow user = em.find(UserRow.class, username);
        if (user == null) {
            return false;
        }
        em.remove(user);
        return true;
    }

    @Transactional
    public List<SigningKeyRow> activeKeys() {
        return em.createQuery("SELECT k FROM SigningKeyRow k WHERE k.retiredAt IS NULL ORDER BY k.createdAt DESC",
                SigningKeyRow.class).getResultList();
    }

    @Transactional
    public List<UserRow> allUsers() {
        return em.createQuery("SELECT u FROM UserRow u ORDER BY u.username", UserRow.class).getResultList();
    }

    @Transactional
    public List<SigningKeyRow> allKeys() {
        return em.createQuery("SELECT k FROM SigningKeyRow k ORDER BY k.createdAt", SigningKeyRow.class).getResultList();
    }

    @Transactional
    public void insertKey(SigningKeyRow key) {
        em.persist(key);
    }

    /** Every key, retired ones included, newest first. */
    @Transactional
    public List<SigningKeyRow> keysNewestFirst() {
        return em.createQuery("SELECT k FROM SigningKeyRow k ORDER BY k.createdAt DESC", SigningKeyRow.class)
                .getResultList();
    }

    @Transactional
    public void retireKey(String kid, long now) {
        SigningKeyRow key = em.find(SigningKeyRow.class, kid);
        if (key != null && key.getRetiredAt() == null) {
            key.retire(now);
        }
    }
}
