package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One entity of entities.<name>. */
@Entity
@Table(name = "gpr_entity")
public class EntityRow extends ConfigRow {
    protected EntityRow() {
    }

    public EntityRow(String name, int position, String body) {
        super(name, position, body);
    }
}
