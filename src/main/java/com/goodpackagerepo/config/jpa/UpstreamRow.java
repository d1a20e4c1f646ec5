package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One upstream of upstreams.<name>. */
@Entity
@Table(name = "gpr_upstream")
public class UpstreamRow extends ConfigRow {
    protected UpstreamRow() {
    }

    public UpstreamRow(String name, int position, String body) {
        super(name, position, body);
    }
}
