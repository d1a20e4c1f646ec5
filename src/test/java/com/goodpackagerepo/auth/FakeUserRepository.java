package com.goodpackagerepo.auth;

import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.SigningKeyRow;
import com.goodpackagerepo.auth.jpa.UserRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Users and signing keys in memory, for unit tests of the auth services without a database. */
class FakeUserRepository extends JpaUserRepository {
    final Map<String, UserRow> users = new TreeMap<>();
    final List<SigningKeyRow> keys = new ArrayList<>();

    @Override
    public Optional<UserRow> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public long countUsers() {
        return users.size();
    }

    @Override
    public long countEnabledAdmins() {
        return users.values().stream().filter(u -> u.isEnabled() && u.getScopes().contains("admin")).count();
    }

    @Override
    public List<UserRow> page(String afterUsername, int limit) {
        return users.values().stream().filter(u -> afterUsername == null || u.getUsername().compareTo(afterUsername) > 0)
                .limit(limit).toList();
    }

    @Override
    public void insert(UserRow user) {
        users.put(user.getUsername(), user);
    }

    @Override
    public Optional<UserRow> update(String username, Consumer<UserRow> change) {
        UserRow user = users.get(username);
        if (user != null) {
            change.accept(user);
        }
        return Optional.ofNullable(user);
    }

    @Override
    public boolean delete(String username) {
        return users.remove(username) != null;
    }

    @Override
    public List<SigningKeyRow> activeKeys() {
        return keys.stream().filter(k -> k.getRetiredAt() == null)
                .sorted(Comparator.comparingLong(SigningKeyRow::getCreatedAt).reversed()).toList();
    }

    @Override
    public List<SigningKeyRow> keysNewestFirst() {
        return keys.stream().sorted(Comparator.comparingLong(SigningKeyRow::getCreatedAt).reversed()).toList();
    }

    @Override
    public void insertKey(SigningKeyRow key) {
        keys.add(key);
    }

    @Override
    public void retireKey(String kid, long now) {
        keys.stream().filter(k -> k.getKid().equals(kid)).forEach(k -> k.retire(now));
    }
}
