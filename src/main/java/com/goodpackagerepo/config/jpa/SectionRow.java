package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A singleton section of the schema (capabilities, indexes, auth, ops, gc ...). */
@Entity
@Table(name = "gpr_config_section")
public class SectionRow extends ConfigRow {
    protected SectionRow() {
    }

    public SectionRow(String name, int position, String body) {
        super(name, position, body);
    }
}
