package com.goodpackagerepo.auth;

import com.goodpackagerepo.auth.jpa.ApiTokenRow;
import com.goodpackagerepo.auth.jpa.JpaTokenRepository;
import com.goodpackagerepo.auth.jpa.RevokedTokenRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API tokens and revoked jtis in memory; counts lookups so tests can see the cache work. */
class FakeTokenRepository extends JpaTokenRepository {
    final Map<String, ApiTokenRow> apiTokens = new LinkedHashMap<>();
    final Map<String, RevokedTokenRow> revoked = new LinkedHashMap<>();
    int lookups;

    @Override
    public Optional<ApiTokenRow> findApiToken(String tokenId) {
        lookups++;
        return Optional.ofNullable(apiTokens.get(tokenId));
    }

    @Override
    public List<ApiTokenRow> apiTokens(String owner) {
        return apiTokens.values().stream().filter(t -> owner == null || t.getOwner().equals(owner)).toList();
    }

    @Override
    public long countApiTokens(String owner) {
        return apiTokens(owner).size();
    }

    @Override
    public void insertApiToken(ApiTokenRow row) {
        apiTokens.put(row.getTokenId(), row);
    }

    @Override
    public boolean deleteApiToken(String tokenId) {
        return apiTokens.remove(tokenId) != null;
    }

    @Override
    public List<String> deleteApiTokensOf(String owner) {
        List<String> ids = new ArrayList<>(apiTokens(owner).stream().map(ApiTokenRow::getTokenId).toList());
        ids.forEach(apiTokens::remove);
        return ids;
    }

    @Override
    public List<RevokedTokenRow> revokedSince(long now) {
        return revoked.values().stream().filter(r -> r.getExpiresAt() >= now).toList();
    }

    @Override
    public void insertRevoked(RevokedTokenRow row) {
        revoked.putIfAbsent(row.getJti(), row);
    }

    @Override
    public int purgeRevokedBefore(long now) {
        int before = revoked.size();
        revoked.values().removeIf(r -> r.getExpiresAt() < now);
        return before - revoked.size();
    }
}
