package com.goodpackagerepo.auth;

import com.goodpackagerepo.auth.jpa.GrantRow;
import com.goodpackagerepo.auth.jpa.JpaGrantRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Grants in memory; {@link #failNextInsert} makes the next insert fail as a lost unique-constraint race would. */
final class FakeGrantRepository extends JpaGrantRepository {
    final Map<String, GrantRow> rows = new LinkedHashMap<>();
    GrantRow failNextInsert;
    int reads;

    @Override
    public List<GrantRow> all() {
        reads++;
        List<GrantRow> all = new ArrayList<>(rows.values());
        all.sort(Comparator.comparing(GrantRow::getSubject).thenComparing(GrantRow::getPattern));
        return all;
    }

    @Override
    public Optional<GrantRow> find(String grantId) {
        return Optional.ofNullable(rows.get(grantId));
    }

    @Override
    public void insert(GrantRow row) {
        if (failNextInsert != null) {
            rows.put(failNextInsert.getGrantId(), failNextInsert);
            failNextInsert = null;
            throw new IllegalStateException("unique constraint violated");
        }
        rows.put(row.getGrantId(), row);
    }

    @Override
    public boolean delete(String grantId) {
        return rows.remove(grantId) != null;
    }
}
