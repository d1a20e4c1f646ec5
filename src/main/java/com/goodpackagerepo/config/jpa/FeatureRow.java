package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One feature flag of features.<name>. */
@Entity
@Table(name = "gpr_feature")
public class FeatureRow extends ConfigRow {
    protected FeatureRow() {
    }

    public FeatureRow(String name, int position, String body) {
        super(name, position, body);
    }
}
